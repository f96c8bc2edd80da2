/**
 * The relay keeps serving and stops on SIGTERM within its grace period whatever happened to its log output:
 * the process reading its stdout (a `tee`, a `less`, a log collector) has gone, or has stopped reading.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exitWithin, makeLoopDir, type RelayProcess, spawnRelay } from '@porthole/testing';

/** The relay's own grace period for SIGTERM (SHUTDOWN_GRACE_MS in relay.ts). */
const GRACE_MS = 5_000;
/** More log output than a pipe holds (64 kB on Linux): each refused request is a line of about 200 bytes. */
const LINES_TO_FILL_A_PIPE = 600;

/**
 * A log reader that reads until the relay says it is listening, then exits (`gone`), or from then on
 * reads nothing more while staying alive (`stalled`, like a `less` nobody scrolls or a stopped collector).
 */
function logReader(ends: 'gone' | 'stalled') {
  const script = `let seen = '';
    const listen = (chunk) => {
      seen += chunk;
      if (!seen.includes('relay listening')) return;
      if (${ends === 'gone'}) process.exit(0);
      process.stdin.off('data', listen);
      process.stdin.pause();
      setInterval(() => {}, 1000);
    };
    process.stdin.on('data', listen);`;
  const reader = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => reader.once('exit', () => resolve()));
  return { reader, stdin: reader.stdin, exited };
}

async function logLines(relay: RelayProcess, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const refused = await fetch(new URL('control', relay.url), { method: 'POST' });
    await refused.body?.cancel();
    assert.ok([401, 429].includes(refused.status)); // each one a log line
  }
}

describe('SIGTERM whatever became of the log reader', () => {
  let loopDir: string;
  let dataDir: string;
  before(async () => {
    loopDir = await makeLoopDir();
    dataDir = await mkdtemp(join(tmpdir(), 'porthole-data-'));
  });
  after(async () => {
    await rm(loopDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  const cases = [
    { name: 'reader gone, nothing logged since', ends: 'gone', lines: 0 },
    { name: 'reader gone, lines logged since', ends: 'gone', lines: 20 },
    { name: 'reader stalled, its pipe full', ends: 'stalled', lines: LINES_TO_FILL_A_PIPE },
  ] as const;
  for (const { name, ends, lines } of cases) {
    test(`keeps serving and exits within the grace period (${name})`, async (t) => {
      const log = logReader(ends);
      t.after(() => log.reader.kill('SIGKILL'));
      const relay = await spawnRelay({ dataDir, loopDir, stdout: log.stdin });
      log.stdin.destroy(); // only the relay holds the write end now
      if (ends === 'gone') await log.exited;
      await logLines(relay, lines);
      assert.equal((await fetch(new URL('healthz', relay.url))).status, 200, 'still serving');

      const started = performance.now();
      relay.child.kill('SIGTERM');
      const ended = await exitWithin(relay, GRACE_MS + 5_000);
      const seconds = (performance.now() - started) / 1000;
      t.diagnostic(`SIGTERM to exit: ${seconds.toFixed(3)} s`);
      if (ended === 'still running') relay.child.kill('SIGKILL');
      assert.equal(ended, 0, `the relay ${ended} after SIGTERM; stderr: ${relay.stderr()}`);
      assert.ok(seconds * 1000 < GRACE_MS, `took ${seconds} s`);
    });
  }
});
