/**
 * When the privacy windows really were, for scoring only (the attacks never see it). The relay's own log
 * lines `privacy window opened` / `privacy window closed` (fields `at`, `until`) are the source; a relay
 * that does not log them (the one before the redesign) is watched from inside instead: every upload asks
 * `feed.privacySubstitute` (the relay host reports its answers), and a run of substituted uploads is a window.
 */
import type { LogEntry } from '@porthole/testing';
import type { PrivacyWindow } from './recording.ts';
import type { WatchedRelay } from './relay-host/spawn.ts';

export const WINDOW_OPENED = 'privacy window opened';
export const WINDOW_CLOSED = 'privacy window closed';

export interface GroundTruth {
  /** Where the windows came from: the log lines, the substitution hook, or nowhere. */
  source(): 'log' | 'substitutions' | 'none';
  /** Every window that opened so far; one still open ends at `until` (or now). */
  windows(now?: number): PrivacyWindow[];
}

export function privacyWindowsOf(relay: Pick<WatchedRelay, 'logs' | 'substitutions'>): GroundTruth {
  const logged = () => relay.logs.entries().filter((e) => e.msg === WINDOW_OPENED || e.msg === WINDOW_CLOSED);
  return {
    source() {
      if (logged().length > 0) return 'log';
      return relay.substitutions.some((c) => c.substituted) ? 'substitutions' : 'none';
    },
    windows(now = Date.now()) {
      const lines = logged();
      return lines.length > 0 ? windowsFromLog(lines, now) : windowsFromCalls(relay.substitutions, now);
    },
  };
}

/** Epoch ms of a log field: a number, an ISO string, or else the line's own time. */
function timeOf(entry: LogEntry, field: string): number | undefined {
  const value = entry[field];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  return undefined;
}

export function windowsFromLog(lines: LogEntry[], now: number): PrivacyWindow[] {
  const windows: PrivacyWindow[] = [];
  let open: { start: number; until: number } | undefined;
  for (const line of lines) {
    const at = timeOf(line, 'at') ?? timeOf(line, 'time') ?? now;
    if (line.msg === WINDOW_OPENED && !open) open = { start: at, until: timeOf(line, 'until') ?? now };
    else if (line.msg === WINDOW_CLOSED && open) {
      windows.push({ start: open.start, end: at });
      open = undefined;
    }
  }
  if (open) windows.push({ start: open.start, end: Math.min(open.until, now) });
  return windows;
}

export function windowsFromCalls(
  calls: { at: number; substituted: boolean }[],
  now: number,
): PrivacyWindow[] {
  const windows: PrivacyWindow[] = [];
  let start: number | undefined;
  for (const call of calls) {
    if (call.substituted && start === undefined) start = call.at;
    else if (!call.substituted && start !== undefined) {
      windows.push({ start, end: call.at });
      start = undefined;
    }
  }
  if (start !== undefined) windows.push({ start, end: now });
  return windows;
}
