/**
 * A frame's noise print: its high-pass residual (each pixel minus its 3×3 neighbourhood), folded into one
 * signed sum per 8×8 block with fixed random signs. The distance between two prints approximates the
 * mean square of the high-pass of the frames' difference: the scene's edges and the light cancel, what is
 * left is the two frames' noise. Two live frames carry independent sensor noise; a copy of a frame
 * carries that frame's noise again, so it lands far closer than any two live frames do.
 */
import { seededRandom } from '@porthole/testing';
import type { SeenFrame } from '../frames.ts';

const BLOCK = 8;
/** A residual this large is an edge of the scene, not noise. */
const EDGE_RESIDUAL = 10;

export interface NoisePrint {
  values: Float32Array;
  /** Mean absolute high-pass residual where it is small (edges left out): the frame's noise level. */
  level: number;
}

const signsBySize = new Map<string, Int8Array>();

function signs(width: number, height: number): Int8Array {
  const key = `${width}x${height}`;
  let table = signsBySize.get(key);
  if (!table) {
    const random = seededRandom(0x9e3779b9);
    table = Int8Array.from({ length: width * height }, () => (random() < 0.5 ? -1 : 1));
    signsBySize.set(key, table);
  }
  return table;
}

export function noisePrint(frame: SeenFrame): NoisePrint {
  const { width, height, pixels } = frame;
  const sign = signs(width, height);
  const columns = Math.floor((width - 2) / BLOCK);
  const rows = Math.floor((height - 2) / BLOCK);
  const values = new Float32Array(columns * rows);
  let small = 0;
  let smallCount = 0;
  for (let y = 1; y < 1 + rows * BLOCK; y++) {
    for (let x = 1; x < 1 + columns * BLOCK; x++) {
      const i = y * width + x;
      let around = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) around += pixels[i + dy * width + dx]!;
      const residual = pixels[i]! - around / 9;
      const block = Math.floor((y - 1) / BLOCK) * columns + Math.floor((x - 1) / BLOCK);
      values[block]! += sign[i]! * residual;
      if (residual < EDGE_RESIDUAL && residual > -EDGE_RESIDUAL) {
        small += Math.abs(residual);
        smallCount++;
      }
    }
  }
  for (let b = 0; b < values.length; b++) values[b]! /= BLOCK;
  return { values, level: smallCount > 0 ? small / smallCount : 0 };
}

/** Approximate mean square high-pass difference of the two frames. */
export function printDistance(a: NoisePrint, b: NoisePrint): number {
  let sum = 0;
  for (let i = 0; i < a.values.length; i++) {
    const d = a.values[i]! - b.values[i]!;
    sum += d * d;
  }
  return sum / a.values.length;
}
