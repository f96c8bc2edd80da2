/**
 * Camera-like footage of one room: the room under slowly drifting light, now and then a person, fresh
 * Gaussian sensor noise every frame, encoded as a q80 JPEG the way an ESP32-CAM sends it. Frame `i` is
 * a pure function of the seed and `i` (no wall clock anywhere, nothing in the picture shows the time).
 */
import { seededRandom } from '@porthole/testing';
import sharp from 'sharp';
import { type Room, renderRoom } from './room.ts';
import { type PersonPose, type SceneScript, sceneScript } from './script.ts';

export interface FootageOptions {
  seed: number;
  /** Footage time between frames, ms (the camera's interval). */
  intervalMs: number;
  width?: number;
  height?: number;
  /** Sensor noise, gray levels (standard deviation). */
  noiseSigma?: number;
  /** Light drift, gray levels either side of the mean. */
  driftLevels?: number;
  /** Shifts the light's phase, ms: a recording made at another moment of the day. */
  lightOffsetMs?: number;
  /** Nobody comes in (for a loop recording). */
  calm?: boolean;
  jpegQuality?: number;
}

export interface Footage {
  width: number;
  height: number;
  intervalMs: number;
  script: SceneScript;
  /** Frame `i` as the camera's JPEG. */
  frame(index: number): Promise<Buffer>;
  /** Footage time of frame `i`, ms. */
  timeOf(index: number): number;
}

export async function createFootage(options: FootageOptions): Promise<Footage> {
  const { seed, intervalMs, width = 400, height = 300 } = options;
  const sigma = options.noiseSigma ?? 3.5;
  const drift = options.driftLevels ?? 8;
  const lightOffset = options.lightOffsetMs ?? 0;
  const quality = options.jpegQuality ?? 80;
  const room = await renderRoom(width, height);
  const script = sceneScript({ width, height, seed, calm: options.calm });
  const phase = seededRandom(seed ^ 0x5eed)() * Math.PI * 2;
  const timeOf = (index: number) => index * intervalMs;

  return {
    width,
    height,
    intervalMs,
    script,
    timeOf,
    async frame(index) {
      const ms = timeOf(index);
      const light = lightAt(ms + lightOffset, drift, phase);
      const pixels = lightRoom(room, light);
      const pose = script.personAt(ms);
      if (pose) drawPerson(pixels, width, height, pose, light);
      const gray = addNoise(pixels, sigma, seededRandom((seed * 100_003 + index) >>> 0));
      return sharp(gray, { raw: { width, height, channels: 1 } })
        .jpeg({ quality })
        .toBuffer();
    },
  };
}

/** Light as a gain around 1: a slow sinusoid over minutes plus a faster, smaller one (clouds). */
function lightAt(ms: number, levels: number, phase: number): number {
  const s = ms / 1000;
  const slow = Math.sin((2 * Math.PI * s) / 240 + phase) * 0.75;
  const fast = Math.sin((2 * Math.PI * s) / 97 + phase * 1.7) * 0.25;
  // ±levels at the room's mid gray (about 130).
  return 1 + ((slow + fast) * levels) / 130;
}

function lightRoom(room: Room, gain: number): Float32Array {
  const out = new Float32Array(room.pixels.length);
  for (let i = 0; i < out.length; i++) out[i] = room.pixels[i]! * gain;
  return out;
}

/** A dark figure with a lighter head, soft-edged, feet at (x, y); legs apart while walking. */
function drawPerson(pixels: Float32Array, width: number, height: number, pose: PersonPose, gain: number) {
  const h = pose.height;
  const headR = h * 0.1;
  const headY = pose.y - h + headR;
  const bodyTop = headY + headR * 1.1;
  const bodyBottom = pose.y - h * (pose.walking ? 0.42 : 0.3);
  const bodyHalf = h * 0.14;
  const legSpread = pose.walking ? Math.sin(pose.stride * Math.PI) * h * 0.12 : h * 0.05;
  const x0 = Math.max(0, Math.floor(pose.x - h * 0.4));
  const x1 = Math.min(width - 1, Math.ceil(pose.x + h * 0.4));
  const y0 = Math.max(0, Math.floor(headY - headR - 1));
  const y1 = Math.min(height - 1, Math.ceil(pose.y + 1));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const head = headR + 0.5 - Math.hypot(x - pose.x, y - headY);
      const by = (y - (bodyTop + bodyBottom) / 2) / ((bodyBottom - bodyTop) / 2);
      const body = (1 - Math.hypot((x - pose.x) / bodyHalf, by)) * bodyHalf + 0.5;
      let leg = -1;
      if (y > bodyBottom - 2 && y <= pose.y) {
        const t = (y - bodyBottom) / (pose.y - bodyBottom);
        const left = pose.x - h * 0.04 - legSpread * t;
        const right = pose.x + h * 0.04 + legSpread * t;
        leg = Math.max(h * 0.035 + 0.5 - Math.abs(x - left), h * 0.035 + 0.5 - Math.abs(x - right));
      }
      const i = y * width + x;
      if (head > 0) pixels[i] = mix(pixels[i]!, 150 * gain, Math.min(1, head));
      else if (body > 0 || leg > 0) pixels[i] = mix(pixels[i]!, 38 * gain, Math.min(1, Math.max(body, leg)));
    }
  }
}

const mix = (under: number, over: number, alpha: number) => under + (over - under) * alpha;

/** Gaussian noise (Box–Muller) from a seeded source, rounded and clamped to 8 bits. */
function addNoise(pixels: Float32Array, sigma: number, random: () => number): Buffer {
  const out = Buffer.alloc(pixels.length);
  for (let i = 0; i < pixels.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - random())) * sigma;
    const a = 2 * Math.PI * random();
    out[i] = clamp(pixels[i]! + r * Math.cos(a));
    if (i + 1 < pixels.length) out[i + 1] = clamp(pixels[i + 1]! + r * Math.sin(a));
  }
  return out;
}

const clamp = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));
