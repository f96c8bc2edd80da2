/**
 * The one reading of the human-friendly durations and sizes every Porthole setting accepts
 * ("2s", "1.5m", "750", "4MB"), so the relay, the camera and their docs agree on what a value means.
 */

const DURATION_UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const BYTE_UNITS = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 } as const;

/**
 * A duration in milliseconds: a number with one of the lower-case units `ms`, `s`, `m`, `h`
 * ("500ms", "2s", "1.5m", "1h"), or bare milliseconds ("750", or the number 750). Spaces around
 * the value are ignored. Undefined for anything else: "2S" (units are case-sensitive, so `m`
 * never passes for `M`), "2 seconds", "-1s", "1d".
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!match) return undefined;
  const unit = (match[2] ?? 'ms') as keyof typeof DURATION_UNITS;
  return Math.round(Number(match[1]) * DURATION_UNITS[unit]);
}

/**
 * A size in bytes: a number with an optional unit `B`, `kB`, `MB`, `GB` in any case (binary
 * multiples: 1 kB = 1024 bytes), or a whole number of bytes ("12", or the number 12).
 * Undefined for anything else.
 */
export function parseBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(value);
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase() as keyof typeof BYTE_UNITS;
  return Math.round(Number(match[1]) * BYTE_UNITS[unit]);
}
