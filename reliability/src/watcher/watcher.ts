/** A whole watcher run: watch the relay, analyse what was seen, write the report to reliability/out/. */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Analysis, analyse, DEFAULT_BINS } from './analyse.ts';
import { describeRun } from './report.ts';
import type { WatcherSettings } from './settings.ts';
import { type WatchedRun, watchRelay } from './watch-relay.ts';

export const OUT_DIR = fileURLToPath(new URL('../../out/', import.meta.url));

export interface WatcherOutcome {
  run: WatchedRun;
  analysis: Analysis;
  report: string;
  /** Where the report was written. */
  reportPath: string;
}

/** Watch (or take an already watched `run`), analyse, and write `out/watcher-<label>.md`. */
export async function runWatcher(
  settings: WatcherSettings,
  label: string,
  options: { onProgress?: (line: string) => void; run?: WatchedRun } = {},
): Promise<WatcherOutcome> {
  const run = options.run ?? (await watchRelay({ ...settings, onProgress: options.onProgress }));
  const analysis = await analyse(run, { ...DEFAULT_BINS, binMs: settings.binMs });
  const report = describeRun(run, analysis, label);
  await mkdir(OUT_DIR, { recursive: true });
  const reportPath = `${OUT_DIR}watcher-${label}.md`;
  await writeFile(reportPath, report);
  return { run, analysis, report, reportPath };
}
