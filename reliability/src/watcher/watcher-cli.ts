/**
 * `npm run watcher`: the long watch of a relay's privacy windows (tens of windows), then the report.
 * Flags (or WATCHER_* variables): --seconds, --windows, --max-seconds, --privacy-windows, --interval-ms,
 * --offline-after-ms, --loop recorded|default, --loop-frames, --seed, --bin-ms; --label names the report
 * (out/watcher-<label>.md, default "long"); --save <file> keeps the recording, --load <file> analyses one.
 * --calibrate <draws> with --load of a run made with --privacy-windows off scores it against that many
 * random sets of windows (policy from --privacy-windows, default the long preset's): the false-failure rate.
 * It exits 1 when an attack does better than chance (unless WATCHER_EXPECT=report).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_BINS } from './analyse.ts';
import { calibrate } from './calibrate.ts';
import { loadRun, saveRun } from './recording-file.ts';
import { describeCalibration } from './report.ts';
import { FLAGS, LONG, readSettings } from './settings.ts';
import { runWatcher } from './watcher.ts';

const { values } = parseArgs({
  options: {
    ...Object.fromEntries(FLAGS.map((flag) => [flag, { type: 'string' as const }])),
    label: { type: 'string', default: 'long' },
    save: { type: 'string' },
    load: { type: 'string' },
    calibrate: { type: 'string' },
  },
});
const flags = values as Record<string, string | undefined>;
const settings = readSettings(LONG, flags);
const label = flags.label ?? 'long';
// Ctrl-C: exit through 'exit' so nothing outlives the run.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

const started = performance.now();
const loaded = flags.load ? await loadRun(flags.load) : undefined;
if (flags.calibrate) {
  if (!loaded) throw new Error('Expected --load <file> with --calibrate but received none');
  const draws = Number(flags.calibrate);
  const binOptions = { ...DEFAULT_BINS, binMs: settings.binMs };
  for (const stillOnly of [false, true]) {
    const result = await calibrate(loaded, settings.privacyWindows, draws, stillOnly, binOptions);
    console.log(describeCalibration(result));
  }
  process.exit(0);
}
if (!loaded) console.log(`watcher: ${JSON.stringify(settings)}`);
const outcome = await runWatcher(loaded?.options ? { ...settings, ...loaded.options } : settings, label, {
  onProgress: (line) => console.log(`watcher: ${line}`),
  run: loaded,
});
if (flags.save) await saveRun(flags.save, outcome.run);
console.log(outcome.report);
console.log(`report: ${outcome.reportPath} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
const detected = outcome.analysis.results.filter((r) => r.betterThanChance);
console.log(
  detected.length === 0
    ? 'watcher: no attack does better than chance'
    : `watcher: ${detected.length} attacks do better than chance: ${detected.map((r) => r.attack).join(', ')}`,
);
// Like the test: a detection fails the run only once the redesign is expected to pass.
process.exit(detected.length > 0 && process.env.WATCHER_EXPECT !== 'report' ? 1 : 0);
