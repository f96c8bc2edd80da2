/**
 * Camera-like sensor noise: a table of Gaussian samples drawn once, read from a random place for each
 * frame, so a fresh noise field costs one table read per pixel and no random call.
 */

const TABLE_SIZE = 1 << 20;

export function createSensorNoise(random: () => number = Math.random) {
  const table = new Float32Array(TABLE_SIZE);
  for (let i = 0; i < TABLE_SIZE; i += 2) {
    // Box–Muller: two independent standard normal samples from two uniform ones.
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    table[i] = radius * Math.cos(angle);
    table[i + 1] = radius * Math.sin(angle);
  }
  return {
    /** A fresh noise field: sample i of it, standard deviation 1. */
    field(): (i: number) => number {
      const start = Math.floor(random() * TABLE_SIZE);
      // An odd stride through a power-of-two table visits every entry: no short repeats inside a frame.
      const stride = 2 * Math.floor(random() * 1024) + 1;
      return (i) => table[(start + i * stride) & (TABLE_SIZE - 1)]!;
    },
  };
}
