/**
 * The arithmetic of the video rows: matching a crf sweep to a target SSIM, the held requests that time
 * out in a still scene, and a newcomer's expected wait for the next keyframe.
 */

/** One point of a crf sweep: the chunks' total bytes and their mean SSIM against the reference. */
export interface CrfPoint {
  crf: number;
  chunkBytes: number;
  ssim: number;
}

export interface CrfMatch {
  /** The (fractional) crf that gives the target SSIM, interpolated between the two points around it. */
  crf: number;
  chunkBytes: number;
}

/**
 * The crf and chunk bytes at which the sweep reaches `targetSsim`: linear in SSIM for the crf, and linear
 * in SSIM for log(bytes) (bytes fall about exponentially with crf). Null when no two neighbouring points
 * (by crf) bracket the target: the sweep does not reach it, and extrapolating would be a guess.
 */
export function matchSsim(points: readonly CrfPoint[], targetSsim: number): CrfMatch | null {
  const sorted = [...points].sort((a, b) => a.crf - b.crf);
  for (const p of sorted) if (p.ssim === targetSsim) return { crf: p.crf, chunkBytes: p.chunkBytes };
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    const low = Math.min(a.ssim, b.ssim);
    const high = Math.max(a.ssim, b.ssim);
    if (targetSsim < low || targetSsim > high || a.ssim === b.ssim) continue;
    const t = (targetSsim - a.ssim) / (b.ssim - a.ssim);
    return {
      crf: a.crf + t * (b.crf - a.crf),
      chunkBytes: Math.exp(Math.log(a.chunkBytes) + t * (Math.log(b.chunkBytes) - Math.log(a.chunkBytes))),
    };
  }
  return null;
}

/**
 * The crf and SSIM at which the sweep's chunks total `targetBytes`: linear in log(bytes) for both. Null
 * when no two neighbouring points bracket it.
 */
export function matchBytes(
  points: readonly CrfPoint[],
  targetBytes: number,
): { crf: number; ssim: number } | null {
  if (!(targetBytes > 0)) return null;
  const sorted = [...points].sort((a, b) => a.crf - b.crf);
  const at = Math.log(targetBytes);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    const la = Math.log(a.chunkBytes);
    const lb = Math.log(b.chunkBytes);
    if (at < Math.min(la, lb) || at > Math.max(la, lb) || la === lb) continue;
    const t = (at - la) / (lb - la);
    return { crf: a.crf + t * (b.crf - a.crf), ssim: a.ssim + t * (b.ssim - a.ssim) };
  }
  return null;
}

/**
 * Crf values to add to a sweep so that it brackets every target (SSIM and bytes both fall as crf rises):
 * a step below the lowest crf while a target lies above its SSIM or bytes, a step above the highest while
 * one lies below. Empty when the sweep already brackets them all, or the crf range (0–63) is exhausted.
 */
export function crfsToBracket(
  points: readonly CrfPoint[],
  ssimTargets: readonly number[],
  bytesTargets: readonly number[] = [],
  step = 6,
): number[] {
  if (points.length === 0) return [];
  const sorted = [...points].sort((a, b) => a.crf - b.crf);
  const lowest = sorted[0]!;
  const highest = sorted.at(-1)!;
  const out: number[] = [];
  const lower = ssimTargets.some((t) => t > lowest.ssim) || bytesTargets.some((t) => t > lowest.chunkBytes);
  const higher =
    ssimTargets.some((t) => t < highest.ssim) || bytesTargets.some((t) => t < highest.chunkBytes);
  if (lower && lowest.crf > 0) out.push(Math.max(0, lowest.crf - step));
  if (higher && highest.crf < 63) out.push(Math.min(63, highest.crf + step));
  return out;
}

/**
 * Held `GET /video/<seq>` requests that time out (204) while a viewer waits `waitMs` for the next frame,
 * each answered after `holdMs` and asked again at once. A frame that arrives exactly as a hold ends is
 * taken to arrive first. With `open` (the wait had not ended when the measurement did), every hold
 * completed by then counts.
 */
export function timedOutHolds(waitMs: number, holdMs: number, open = false): number {
  if (waitMs <= 0 || holdMs <= 0) return 0;
  return open ? Math.floor(waitMs / holdMs) : Math.ceil(waitMs / holdMs) - 1;
}

/**
 * A newcomer who waits for the next keyframe instead of fetching the group so far: joining at a random
 * moment, it waits half a group on average. `publishedShare` < 1 stretches a group of published frames
 * over more camera intervals (the change check skips still frames, and keys count only chunks).
 */
export function expectedKeyWaitMs(groupFrames: number, intervalMs: number, publishedShare = 1): number {
  if (publishedShare <= 0) return Number.POSITIVE_INFINITY;
  return ((groupFrames / 2) * intervalMs) / publishedShare;
}
