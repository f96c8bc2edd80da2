/** Collect a relay's pino log lines in memory (pass `destination` to `startRelay`'s hooks). */
import type { DestinationStream } from 'pino';

export interface LogEntry {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface LogCapture {
  destination: DestinationStream;
  /** Every line so far, parsed. */
  entries(): LogEntry[];
  /** Every line so far, as written (to search for strings that must never appear). */
  text(): string;
  /** Lines written after `mark()` was called. */
  since(mark: number): LogEntry[];
  mark(): number;
}

export function captureLogs(): LogCapture {
  const lines: string[] = [];
  return {
    destination: { write: (line: string) => void lines.push(line) },
    entries: () => lines.map((line) => JSON.parse(line) as LogEntry),
    text: () => lines.join(''),
    since: (mark) => lines.slice(mark).map((line) => JSON.parse(line) as LogEntry),
    mark: () => lines.length,
  };
}
