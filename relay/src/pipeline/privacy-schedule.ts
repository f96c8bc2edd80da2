/**
 * When privacy windows fall due: at random (exponential gaps, so they cannot be predicted), each with a
 * random length. Pure scheduling with an injectable random source; privacy-window.ts decides when one
 * can actually open.
 */
import { parseDuration } from '@porthole/protocol';

export interface PrivacyPolicy {
  /** Mean time between window starts (exponentially distributed, so windows cannot be predicted). */
  everyMs: number;
  minMs: number;
  maxMs: number;
  /** A window opens only after the room has been still this long. */
  stillMs: number;
}

export const DEFAULT_PRIVACY: PrivacyPolicy = {
  everyMs: 2 * 3_600_000,
  minMs: 2 * 60_000,
  maxMs: 8 * 60_000,
  stillMs: 30_000,
};

/** "on" | "off" | "every=2h,for=2m-8m[,still=30s]" → policy (null = off), or what is wrong. */
export function parsePrivacyWindows(value: string): PrivacyPolicy | null | string {
  const text = value.trim().toLowerCase();
  if (text === 'off') return null;
  if (text === 'on') return DEFAULT_PRIVACY;
  const fields = Object.fromEntries(text.split(',').map((part) => part.split('=').map((s) => s.trim())));
  const everyMs = parseDuration(fields.every ?? '');
  const [min = '', max = min] = String(fields.for ?? '').split('-');
  const minMs = parseDuration(min);
  const maxMs = parseDuration(max);
  const stillMs = fields.still === undefined ? DEFAULT_PRIVACY.stillMs : parseDuration(fields.still);
  if (!everyMs || !minMs || !maxMs || maxMs < minMs || stillMs === undefined) {
    return 'expected on, off, or every=<duration>,for=<min>-<max>[,still=<duration>] such as every=2h,for=2m-8m';
  }
  return { everyMs, minMs, maxMs, stillMs };
}

export interface PrivacyWindow {
  start: number;
  end: number;
}

/** The next window after `now`, drawn from the policy. */
export function nextPrivacyWindow(
  policy: PrivacyPolicy,
  now: number,
  random: () => number = Math.random,
): PrivacyWindow {
  const gap = -Math.log(1 - random()) * policy.everyMs;
  const length = policy.minMs + random() * (policy.maxMs - policy.minMs);
  const start = now + Math.round(gap);
  return { start, end: start + Math.round(length) };
}
