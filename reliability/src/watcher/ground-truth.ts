/**
 * When the privacy windows really were, for scoring only (the attacks never see it): the relay's own log
 * lines `privacy window opened` / `privacy window closed` (fields `at`, `until`).
 */
import type { LogCapture, LogEntry } from '@porthole/testing';
import type { PrivacyWindow } from './recording.ts';

export const WINDOW_OPENED = 'privacy window opened';
export const WINDOW_CLOSED = 'privacy window closed';

export interface GroundTruth {
  /** Where the windows came from: the log lines, or nowhere. */
  source(): 'log' | 'none';
  /** Every window that opened so far; one still open ends at `until` (or now). */
  windows(now?: number): PrivacyWindow[];
}

export function privacyWindowsOf(relay: { logs: LogCapture }): GroundTruth {
  const logged = () => relay.logs.entries().filter((e) => e.msg === WINDOW_OPENED || e.msg === WINDOW_CLOSED);
  return {
    source: () => (logged().length > 0 ? 'log' : 'none'),
    windows: (now = Date.now()) => windowsFromLog(logged(), now),
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
