/**
 * The privacy-window watcher, short: a relay with frequent windows, the footage uploaded for about three
 * minutes, a hostile visitor's attacks scored against where the windows really were. The report goes to
 * the test output and reliability/out/watcher-short.md. WATCHER_EXPECT=pass makes "no attack does better
 * than chance" binding; by default (report) that test is a todo until the privacy redesign lands.
 * WATCHER_SAVE=<file> keeps the recording; WATCHER_* variables change the run (src/watcher/settings.ts).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { saveRun } from '../src/watcher/recording-file.ts';
import { readSettings, SHORT } from '../src/watcher/settings.ts';
import { runWatcher, type WatcherOutcome } from '../src/watcher/watcher.ts';

const EXPECT = process.env.WATCHER_EXPECT ?? 'pass';
const MIN_WINDOWS = 10;
/** Non-window stretches, as long as windows: fewer and Fisher's test can hardly say anything. */
const MIN_STRETCHES = 8;

describe('privacy windows watched from outside', { timeout: 9 * 60_000 }, () => {
  let outcome: WatcherOutcome;
  before(async () => {
    if (EXPECT !== 'pass' && EXPECT !== 'report')
      throw new Error(`Expected pass or report for WATCHER_EXPECT but received ${EXPECT}`);
    outcome = await runWatcher(readSettings(SHORT), 'short');
    console.log(outcome.report);
    // Keep the recording to analyse again: npm run watcher -- --load <file> --label again
    if (process.env.WATCHER_SAVE) await saveRun(process.env.WATCHER_SAVE, outcome.run);
  });

  test(`the watcher sees at least ${MIN_WINDOWS} windows and scores every attack`, () => {
    const { analysis, run } = outcome;
    assert.notEqual(run.groundTruth, 'none', 'the relay logged no privacy window');
    for (const result of analysis.results) {
      assert.ok(result.windows >= MIN_WINDOWS, `${result.attack}: ${result.windows} windows scored`);
      assert.ok(result.stretches >= MIN_STRETCHES, `${result.attack}: ${result.stretches} stretches scored`);
    }
    // The rest of the suite may run alongside and slow an upload down; a few failures change nothing.
    assert.ok(run.cameraFailures <= run.uploads.length / 100, `${run.cameraFailures} uploads failed`);
  });

  test('no attack tells a privacy window from live better than chance', {
    todo: EXPECT === 'pass' ? false : 'privacy redesign pending (WATCHER_EXPECT=pass to enforce)',
  }, () => {
    const beaten = outcome.analysis.results.filter((r) => r.betterThanChance);
    assert.deepEqual(
      beaten.map((r) => `${r.attack}: ${r.detected}/${r.windows} windows, p ${r.p.toExponential(1)}`),
      [],
      `see ${outcome.reportPath}`,
    );
  });
});
