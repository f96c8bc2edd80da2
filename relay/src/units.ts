/** Parsers for the human-friendly values the relay's settings accept ("10s", "4MB"). */

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** "1500ms" | "10s" | "2m" | "1h" | 2500 (ms) → milliseconds, or undefined when it is not a duration. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/i.exec(value);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (DURATION_UNITS[match[2]!.toLowerCase()] ?? Number.NaN));
}

/** "512kB" | "4MB" | 1048576 (bytes) → bytes, or undefined when it is not a size. */
export function parseBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(value);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (BYTE_UNITS[(match[2] ?? 'b').toLowerCase()] ?? Number.NaN));
}
