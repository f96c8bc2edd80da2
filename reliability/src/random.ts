/** Seeded choices for fault plans and fuzzing, drawn from `seededRandom` (@porthole/testing). */
export type Random = () => number;

/** An integer in [min, max], both included. */
export const between = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

/** One of `items`, uniformly. */
export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

/** A seed for item `index` of a run seeded with `seed`, so item n does not depend on how many came before. */
export const seedFor = (seed: number, index: number): number =>
  Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
