import { seededRandom } from './seeded-random.ts';

/** Adds faint sensor-like noise to raw pixels; identical seeds give identical output. */
export function addGrain(pixels: Buffer, seed: number, strength = 6): Buffer {
  const random = seededRandom(seed);
  const out = Buffer.alloc(pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    // Sum of two uniforms: a cheap triangular distribution, close enough to sensor noise.
    const noise = (random() + random() - 1) * strength;
    out[i] = Math.max(0, Math.min(255, Math.round((pixels[i] ?? 0) + noise)));
  }
  return out;
}
