/** mulberry32: a tiny seeded PRNG, so the same seed gives the same grain. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
