/**
 * When the timelapse takes a frame: evenly in time (never by motion, so a still room is a still stretch and
 * a night a dark one), on a grid of `everyMs`, outside the hours the owner excludes. Days are local dates.
 */

/** A full day plays in `lengthMs` at `fps`: a frame every 86 400 s / (length × fps). */
export const sampleEveryMs = (lengthMs: number, fps: number): number =>
  Math.max(1000, Math.round(86_400_000 / ((lengthMs / 1000) * fps)));

export const slotOf = (at: number, everyMs: number): number => Math.floor(at / everyMs);

/** The local calendar date, `YYYY-MM-DD`. */
export function dayOf(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const isExcluded = (at: number, hours: ReadonlySet<number>): boolean =>
  hours.has(new Date(at).getHours());

/**
 * `22-6,13` → hours 22, 23, 0 … 5 and 13 (a range ends before its second hour; it may wrap midnight).
 * Returns the hours, or a message.
 */
export function parseExcludedHours(text: string): Set<number> | string {
  const hours = new Set<number>();
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part);
    const from = Number(match?.[1]);
    const to = match?.[2] === undefined ? (from + 1) % 24 : Number(match[2]) % 24;
    if (!match || from > 23 || Number(match[2] ?? 0) > 24)
      return `expected hours like 22-6 or 0-7,13 (0–24), got "${part}"`;
    for (let h = from; ; h = (h + 1) % 24) {
      hours.add(h);
      if ((h + 1) % 24 === to || hours.size === 24) break;
    }
  }
  return hours;
}
