/**
 * Random privacy windows: now and then the feed plays the loop while the camera is live, so that a
 * viewer can never be sure a frame is live. Pure scheduling with an injectable random source.
 */
import { parseDuration } from '@porthole/protocol';

export interface PrivacyPolicy {
  /** Mean time between window starts (exponentially distributed, so windows cannot be predicted). */
  everyMs: number;
  minMs: number;
  maxMs: number;
}

export const DEFAULT_PRIVACY: PrivacyPolicy = {
  everyMs: 2 * 3_600_000,
  minMs: 2 * 60_000,
  maxMs: 8 * 60_000,
};

/** "on" | "off" | "every=2h,for=2m-8m" → policy (null = off), or a message saying what is wrong. */
export function parsePrivacyWindows(value: string): PrivacyPolicy | null | string {
  const text = value.trim().toLowerCase();
  if (text === 'off') return null;
  if (text === 'on') return DEFAULT_PRIVACY;
  const fields = Object.fromEntries(text.split(',').map((part) => part.split('=').map((s) => s.trim())));
  const everyMs = parseDuration(fields.every ?? '');
  const [min = '', max = min] = String(fields.for ?? '').split('-');
  const minMs = parseDuration(min);
  const maxMs = parseDuration(max);
  if (!everyMs || !minMs || !maxMs || maxMs < minMs) {
    return 'expected on, off, or every=<duration>,for=<min>-<max> such as every=2h,for=2m-8m';
  }
  return { everyMs, minMs, maxMs };
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

/** A schedule that answers "is a privacy window open now?" and draws the next window when one ends. */
export function privacySchedule(
  policy: PrivacyPolicy | null,
  now: number,
  random: () => number = Math.random,
) {
  let window = policy ? nextPrivacyWindow(policy, now, random) : null;
  return {
    isOpen(at: number): boolean {
      while (window && at >= window.end)
        window = policy ? nextPrivacyWindow(policy, window.end, random) : null;
      return window !== null && at >= window.start;
    },
    /** Open a window right now (for the owner, and for tests). */
    openFor(at: number, lengthMs: number): void {
      window = { start: at, end: at + lengthMs };
    },
  };
}
