/**
 * `npm start` whose output reader leaves early (a `| head`, a `| tee` or `| less` that was closed): it keeps
 * running, and Ctrl-C still stops the relay, the camera and the site, leaving no process and no port behind.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@porthole/testing';
import { portIsFree } from '../start/ports.ts';

const ROOT = join(import.meta.dirname, '../..');

/** Pids whose parent is `parent`, from /proc (Linux). */
function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) pids.push(Number(entry));
    } catch {} // gone meanwhile
  }
  return pids;
}

function argsOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

function groupIsGone(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

test('with its output reader gone, npm start keeps running and Ctrl-C leaves nothing behind', async (t) => {
  const relayPort = await freePort();
  const sitePort = await freePort();
  // The reader takes the first line and leaves, closing the read end of npm start's stdout.
  const reader = spawn(process.execPath, ['-e', "process.stdin.once('data', () => process.exit(0))"], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  const readerGone = new Promise((resolve) => reader.once('exit', resolve));
  const start = spawn(process.execPath, [join(ROOT, 'scripts/start.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORTHOLE_PORT: String(relayPort), PORTHOLE_SITE_PORT: String(sitePort) },
    detached: true, // its own process group, like a terminal's foreground job
    stdio: ['ignore', reader.stdin, 'pipe'],
  });
  reader.stdin.destroy(); // only npm start holds the write end now
  let stderr = '';
  start.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exited = new Promise<number | string | null>((resolve) =>
    start.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const pgid = start.pid as number;
  // Its children lead their own process groups (relay, camera, site); noted as they appear, so that even
  // if npm start dies first (and they are re-parented) the test knows whom to look for.
  const seen = new Set<number>();
  const noteChildren = () => {
    for (const pid of childrenOf(pgid)) seen.add(pid);
  };
  t.after(() => {
    // Only if the test failed half-way: leave nothing running.
    for (const group of [pgid, ...seen]) if (!groupIsGone(group)) process.kill(-group, 'SIGKILL');
  });

  await readerGone;
  const deadline = Date.now() + 120_000;
  const siteUrl = `http://127.0.0.1:${sitePort}/`;
  while (Date.now() < deadline && start.exitCode === null && !(await answers(siteUrl))) {
    noteChildren();
    await sleep(500);
  }
  noteChildren();
  assert.equal(start.exitCode, null, `npm start exited early with its reader gone:\n${stderr}`);
  assert.ok(await answers(`http://127.0.0.1:${relayPort}/healthz`), 'the relay answers');
  assert.ok(await answers(siteUrl), 'the site answers');

  const groups = [...seen];
  assert.equal(groups.length, 3, `children of npm start: ${groups.map((pid) => argsOf(pid).join(' '))}`);
  const relayArgs = groups.map(argsOf).find((args) => args.some((arg) => arg.includes('porthole-relay')));
  const relayDataDir = relayArgs?.[(relayArgs?.indexOf('--data-dir') ?? -2) + 1];
  assert.ok(relayDataDir, 'the relay was given a data folder');

  const signalledAt = performance.now();
  process.kill(-pgid, 'SIGINT');
  const code = await Promise.race([exited, sleep(30_000, 'still running', { ref: false })]);
  t.diagnostic(`SIGINT to exit: ${((performance.now() - signalledAt) / 1000).toFixed(1)} s`);
  assert.equal(code, 0, `npm start ended with ${code}\n${stderr}`);
  for (const group of [pgid, ...groups]) {
    for (let i = 0; i < 50 && !groupIsGone(group); i++) await sleep(100);
    assert.ok(groupIsGone(group), `process group ${group} (${argsOf(group).join(' ')}) still has processes`);
  }
  assert.ok(await portIsFree(relayPort, '127.0.0.1'), 'relay port released');
  assert.ok(await portIsFree(sitePort, '127.0.0.1'), 'site port released');
  assert.ok(!existsSync(dirname(relayDataDir)), `${dirname(relayDataDir)} removed`);
});
