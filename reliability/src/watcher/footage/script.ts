/**
 * What happens in the room over footage time: still stretches, people walking through, people sitting
 * down for a while and leaving. Pure and seeded, so frame `i` of a seed is always the same picture.
 */
import { seededRandom } from '@porthole/testing';

/** Where a person is and how they stand, in frame pixels (feet at `y`). */
export interface PersonPose {
  x: number;
  y: number;
  /** Head to feet, pixels. */
  height: number;
  /** Walking (legs apart, a stride phase) or still. */
  walking: boolean;
  stride: number;
}

export type SceneKind = 'still' | 'walk' | 'sit';

export interface SceneSegment {
  kind: SceneKind;
  startMs: number;
  endMs: number;
  /** Walk: from → to x. Sit: entry edge x, chair x, and when the person is seated (ms from start). */
  fromX: number;
  toX: number;
  seatedFromMs: number;
  seatedToMs: number;
  speedPxPerMs: number;
}

export interface SceneScript {
  width: number;
  height: number;
  /** The person on screen at `ms`, if any. */
  personAt(ms: number): PersonPose | undefined;
  /** True while someone walks (in, out or through): the scoring's "moving" stratum. */
  movingAt(ms: number): boolean;
}

export interface ScriptOptions {
  width: number;
  height: number;
  seed: number;
  /** Nobody comes in: a calm moment, as an owner picks for recording a loop. */
  calm?: boolean;
}

/** Share of frame height a standing person takes (the brief: about 15 %). */
const PERSON_SHARE = 0.15;
const FLOOR_SHARE = 0.8;
/** Where the chair stands, as a share of the frame width (beside the desk the room draws). */
export const CHAIR_SHARE = 0.66;

export function sceneScript(options: ScriptOptions): SceneScript {
  const { width, height } = options;
  const random = seededRandom(options.seed);
  const segments: SceneSegment[] = [];
  const standing = height * PERSON_SHARE;
  const floorY = height * FLOOR_SHARE;
  const chairX = width * CHAIR_SHARE;
  const margin = standing * 0.5;
  let at = 0;
  let nextKind: SceneKind = 'still';

  function extend(untilMs: number): void {
    while (at < untilMs) {
      const kind = nextKind;
      if (kind === 'still') {
        const length = 6_000 + random() * 16_000;
        segments.push({ ...blank(kind, at, at + length) });
        at += length;
        nextKind = options.calm ? 'still' : random() < 0.55 ? 'walk' : 'sit';
      } else if (kind === 'walk') {
        const speed = (50 + random() * 40) / 1000;
        const leftToRight = random() < 0.5;
        const fromX = leftToRight ? -margin : width + margin;
        const toX = leftToRight ? width + margin : -margin;
        const length = Math.abs(toX - fromX) / speed;
        segments.push({ ...blank(kind, at, at + length), fromX, toX, speedPxPerMs: speed });
        at += length;
        nextKind = 'still';
      } else {
        const speed = (45 + random() * 30) / 1000;
        const fromX = random() < 0.5 ? -margin : width + margin;
        const walkIn = Math.abs(chairX - fromX) / speed;
        const seated = 6_000 + random() * 14_000;
        const end = at + walkIn + seated + walkIn;
        segments.push({
          ...blank(kind, at, end),
          fromX,
          toX: chairX,
          seatedFromMs: walkIn,
          seatedToMs: walkIn + seated,
          speedPxPerMs: speed,
        });
        at = end;
        nextKind = 'still';
      }
    }
  }

  function segmentAt(ms: number): SceneSegment {
    extend(ms + 1);
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (segments[mid]!.startMs <= ms) low = mid;
      else high = mid - 1;
    }
    return segments[low]!;
  }

  return {
    width,
    height,
    personAt(ms) {
      const s = segmentAt(ms);
      const into = ms - s.startMs;
      if (s.kind === 'still') return undefined;
      if (s.kind === 'walk') {
        const x = s.fromX + Math.sign(s.toX - s.fromX) * s.speedPxPerMs * into;
        return { x, y: floorY, height: standing, walking: true, stride: into / 180 };
      }
      if (into < s.seatedFromMs) {
        const x = s.fromX + Math.sign(s.toX - s.fromX) * s.speedPxPerMs * into;
        return { x, y: floorY, height: standing, walking: true, stride: into / 180 };
      }
      if (into < s.seatedToMs) {
        // Seated: shorter, feet under the chair, a slow sway of a pixel or so.
        const sway = Math.sin((into / 2600) * Math.PI * 2) * 1.2;
        return { x: s.toX + sway, y: floorY - 2, height: standing * 0.72, walking: false, stride: 0 };
      }
      const out = into - s.seatedToMs;
      const x = s.toX + Math.sign(s.fromX - s.toX) * s.speedPxPerMs * out;
      return { x, y: floorY, height: standing, walking: true, stride: out / 180 };
    },
    movingAt(ms) {
      const s = segmentAt(ms);
      const into = ms - s.startMs;
      if (s.kind === 'walk') return true;
      if (s.kind === 'sit') return into < s.seatedFromMs || into >= s.seatedToMs;
      return false;
    },
  };
}

function blank(kind: SceneKind, startMs: number, endMs: number): SceneSegment {
  return { kind, startMs, endMs, fromX: 0, toX: 0, seatedFromMs: 0, seatedToMs: 0, speedPxPerMs: 0 };
}
