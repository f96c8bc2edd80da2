/**
 * The relay stops on SIGTERM within its grace period whatever happened to its log output: here the process
 * reading its stdout (a `tee`, a `less`, a log collector) has gone before the signal.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeLoopDir, TOKEN } from './helpers.ts';
import { exitWithin, spawnRelay } from './spawned-relay.ts';

/** The relay's own grace period for SIGTERM (SHUTDOWN_GRACE_MS in relay.ts). */
const GRACE_MS = 5_000;

/**
 * A log reader that reads until the relay says it is listening, then exits, closing the read end of the
 * relay's stdout: like a `tee` or a `less` closed while the relay runs.
 */
function shortLivedReader() {
  const script = `let seen = '';
    process.stdin.on('data', (chunk) => {
      seen += chunk;
      if (seen.includes('relay listening')) process.exit(0);
    });`;
  const reader = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'ignore', 'inherit'] });
  const gone = new Promise<void>((resolve) => reader.once('exit', () => resolve()));
  return { stdin: reader.stdin, gone };
}

describe('SIGTERM with the log reader gone', () => {
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

  for (const since of ['nothing logged since', 'lines logged since'] as const) {
    test(`exits within the grace period (${since})`, async (t) => {
      const reader = shortLivedReader();
      const relay = await spawnRelay({
        dataDir,
        loopDir,
        env: { PORTHOLE_TOKEN: TOKEN },
        stdout: reader.stdin,
      });
      reader.stdin.destroy(); // only the relay holds the write end now
      await reader.gone;
      // Still serving with nobody reading its logs.
      assert.equal((await fetch(new URL('healthz', relay.url))).status, 200);
      if (since === 'lines logged since') {
        for (let i = 0; i < 20; i++) {
          const refused = await fetch(new URL('control', relay.url), { method: 'POST' });
          assert.equal(refused.status, 401); // each one a log line
        }
      }

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
