/** A relay's JSON log lines, kept in memory for assertions (from its `logDestination`, or a child's stdout). */

export interface LogEntry {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface LogCapture {
  /** Where the lines go: pino's destination stream, one JSON line per write. */
  destination: { write(line: string): void };
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
