/**
 * Seams between consecutive live frames. Light in a room drifts; it does not jump (`seams: light`, the
 * median change). People walk in from an edge and out at one; they do not vanish or appear mid-frame
 * (`seams: person`, the largest blob of change with no opposite-signed blob within a walking step, and
 * more than a step from the side edges). Both compare frames shrunk to half size, where noise is small.
 */
import type { SeenFrame } from '../frames.ts';
import { median } from '../stats.ts';
import type { Attack, Evidence } from './attack.ts';
import { livePairs } from './attack.ts';

/** Gray levels of change (after the light is taken out) that count, at half size. */
const CHANGED = 14;
/** Blobs smaller than this (pixels at half size) are not a person. */
const MIN_AREA = 12;
/** How fast (frame widths per second) someone can walk, and the least step allowed between two frames. */
const WALK_SPEED = 0.5;
const MIN_STEP = 0.15;

export const seamsLight: Attack = {
  name: 'seams: light',
  looksAt: 'median brightness jump between consecutive live frames',
  run({ frames }) {
    return livePairs(frames).map(([a, b]): Evidence => {
      const [x, y] = [half(a), half(b)];
      return { at: b.at, score: Math.abs(lightShift(x.pixels, y.pixels)) };
    });
  },
};

export const seamsPerson: Attack = {
  name: 'seams: person',
  looksAt: 'person-sized change appearing or vanishing mid-frame between consecutive live frames',
  run({ frames }) {
    return livePairs(frames).map(([a, b]): Evidence => {
      const step = Math.max(MIN_STEP, (WALK_SPEED * (b.at - a.at)) / 1000);
      return { at: b.at, score: unexplainedArea(half(a), half(b), step) };
    });
  },
};

interface Small {
  width: number;
  height: number;
  pixels: Float32Array;
}

const halves = new WeakMap<SeenFrame, Small>();

function half(frame: SeenFrame): Small {
  const cached = halves.get(frame);
  if (cached) return cached;
  const width = frame.width >> 1;
  const height = frame.height >> 1;
  const pixels = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = 2 * y * frame.width + 2 * x;
      const p = frame.pixels;
      pixels[y * width + x] = (p[i]! + p[i + 1]! + p[i + frame.width]! + p[i + frame.width + 1]!) / 4;
    }
  const small = { width, height, pixels };
  halves.set(frame, small);
  return small;
}

/** The median of b − a over every fourth pixel: the light's change, whatever a person did. */
function lightShift(a: Float32Array, b: Float32Array): number {
  const deltas: number[] = [];
  for (let i = 0; i < a.length; i += 4) deltas.push(b[i]! - a[i]!);
  return median(deltas);
}

interface Blob {
  sign: 1 | -1;
  area: number;
  cx: number;
  cy: number;
  minX: number;
  maxX: number;
}

/** The largest blob of change that neither moved (an opposite blob within a step) nor walked off a side. */
function unexplainedArea(a: Small, b: Small, step: number): number {
  const shift = lightShift(a.pixels, b.pixels);
  const change = new Int8Array(a.pixels.length);
  for (let i = 0; i < change.length; i++) {
    const d = b.pixels[i]! - a.pixels[i]! - shift;
    change[i] = d > CHANGED ? 1 : d < -CHANGED ? -1 : 0;
  }
  const blobs = findBlobs(change, a.width, a.height).filter((blob) => blob.area >= MIN_AREA);
  let worst = 0;
  for (const blob of blobs) {
    const reach = step * a.width;
    if (blob.minX <= reach || blob.maxX >= a.width - 1 - reach) continue;
    const partner = blobs.some(
      (other) =>
        other.sign !== blob.sign &&
        Math.hypot(other.cx - blob.cx, other.cy - blob.cy) <= reach &&
        other.area >= blob.area / 4,
    );
    if (!partner) worst = Math.max(worst, blob.area);
  }
  return worst;
}

/** 4-connected regions of equal non-zero sign. */
function findBlobs(change: Int8Array, width: number, height: number): Blob[] {
  const seen = new Uint8Array(change.length);
  const blobs: Blob[] = [];
  const stack: number[] = [];
  for (let start = 0; start < change.length; start++) {
    const sign = change[start]!;
    if (sign === 0 || seen[start]) continue;
    const blob: Blob = { sign: sign as 1 | -1, area: 0, cx: 0, cy: 0, minX: width, maxX: 0 };
    stack.push(start);
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      blob.area++;
      blob.cx += x;
      blob.cy += y;
      blob.minX = Math.min(blob.minX, x);
      blob.maxX = Math.max(blob.maxX, x);
      for (const j of [
        x > 0 ? i - 1 : -1,
        x < width - 1 ? i + 1 : -1,
        y > 0 ? i - width : -1,
        y < height - 1 ? i + width : -1,
      ]) {
        if (j >= 0 && !seen[j] && change[j] === sign) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    blob.cx /= blob.area;
    blob.cy /= blob.area;
    blobs.push(blob);
  }
  return blobs;
}
