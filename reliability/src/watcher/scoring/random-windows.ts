/**
 * Windows drawn at random from a policy like the relay's (`every=12s,for=2s-4s`: exponential gaps, uniform
 * lengths), for a calibration check: scored against a run with no real windows, an honest attack must
 * look like chance, and the share of draws where one "does better than chance" is the false-failure rate.
 */
import { seededRandom } from '@porthole/testing';
import type { PrivacyWindow } from '../recording.ts';

export interface WindowPolicy {
  everyMs: number;
  minMs: number;
  maxMs: number;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

function duration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : undefined;
}

/** `every=<duration>,for=<min>-<max>`, or undefined. */
export function parseWindowPolicy(text: string): WindowPolicy | undefined {
  const fields = Object.fromEntries(text.split(',').map((part) => part.split('=').map((s) => s.trim())));
  const [min = '', max = min] = String(fields.for ?? '').split('-');
  const [everyMs, minMs, maxMs] = [duration(fields.every ?? ''), duration(min), duration(max)];
  return everyMs && minMs && maxMs && maxMs >= minMs ? { everyMs, minMs, maxMs } : undefined;
}

/**
 * Windows between `from` and `to`. With `allowed`, a window may only open where `allowed(at)` holds (a
 * relay that waits for a still room), the way a redesigned relay might choose them.
 */
export function randomWindows(
  policy: WindowPolicy,
  from: number,
  to: number,
  seed: number,
  allowed: (at: number) => boolean = () => true,
): PrivacyWindow[] {
  const random = seededRandom(seed);
  const windows: PrivacyWindow[] = [];
  let at = from;
  for (;;) {
    at += -Math.log(1 - random()) * policy.everyMs;
    while (at < to && !allowed(at)) at += 250;
    if (at >= to) return windows;
    const end = at + policy.minMs + random() * (policy.maxMs - policy.minMs);
    windows.push({ start: at, end: Math.min(end, to) });
    at = end;
  }
}
