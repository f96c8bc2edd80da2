/**
 * Smoke test of `npm start`: it prints its URLs, serves the demo page and a published frame,
 * and Ctrl-C (SIGINT to the foreground process group, as a terminal sends it) leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pointer } from '@porthole/protocol';
import { freePort } from '@porthole/testing';
import { portIsFree } from '../start/ports.ts';

const ROOT = join(import.meta.dirname, '../..');

/** Collects a child's output and lets a test wait for a pattern in it. */
function capture(child: ChildProcess) {
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  return {
    output: () => output,
    exited,
    async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const match = pattern.exec(output);
        if (match) return match;
        if (child.exitCode !== null) break;
        await sleep(100);
      }
      throw new Error(`no ${pattern} in output:\n${output}`);
    },
  };
}

function groupIsGone(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

describe('npm start', () => {
  it('starts relay, camera and site, serves a live frame, and stops everything on Ctrl-C', async (t) => {
    const relayPort = await freePort();
    const sitePort = await freePort();
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...process.env, PORTHOLE_PORT: String(relayPort), PORTHOLE_SITE_PORT: String(sitePort) },
      detached: true, // its own process group, like a terminal's foreground job
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = capture(npm);
    t.after(() => {
      // Only if the test failed half-way: do not leave a demo running.
      if (!groupIsGone(npm.pid as number)) process.kill(-(npm.pid as number), 'SIGKILL');
    });

    const site = (await run.waitFor(/Demo site\s+(http:\/\/\S+)/, 120_000))[1] as string;
    const relay = (await run.waitFor(/Relay\s+(http:\/\/\S+)/, 1_000))[1] as string;
    const dataDir = (await run.waitFor(/Data and logs\s+(\S+)/, 1_000))[1] as string;
    assert.equal(site, `http://127.0.0.1:${sitePort}/`);
    assert.equal(relay, `http://127.0.0.1:${relayPort}/`);
    assert.match(run.output(), /Token\s+[0-9a-f]{48}/);

    const page = await fetch(site);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<porthole-feed[^>]*data-relay="http:\/\/127\.0\.0\.1:\d+\/"/);

    // The software camera's frames reach the relay: the pointer goes live.
    let pointer: Pointer | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      pointer = (await (await fetch(new URL('frame', relay))).json()) as Pointer;
      if (pointer.mode === 'live') break;
      await sleep(250);
    }
    assert.equal(pointer?.mode, 'live', run.output());
    const widest = pointer.variants.toSorted((a, b) => b.width - a.width)[0];
    assert.ok(widest);
    const frame = await fetch(new URL(widest.url, new URL('frame', relay)));
    assert.equal(frame.status, 200);
    assert.match(frame.headers.get('content-type') ?? '', /^image\//);
    assert.ok((await frame.arrayBuffer()).byteLength > 500);

    process.kill(-(npm.pid as number), 'SIGINT');
    const code = await Promise.race([run.exited, sleep(30_000, 'still running', { ref: false })]);
    // npm re-raises the SIGINT it received once its script has exited; either ending is clean.
    assert.ok(code === 0 || code === 'SIGINT', `npm ended with ${code}\n${run.output()}`);
    // npm, its shell and scripts/start.ts share the group npm leads: all of them are gone.
    for (let i = 0; i < 100 && !groupIsGone(npm.pid as number); i++) await sleep(100);
    assert.ok(groupIsGone(npm.pid as number), 'npm start itself is still running');

    const stopped = [...run.output().matchAll(/stopped (relay|camera|site) \(pid (\d+)/g)];
    assert.deepEqual(stopped.map((m) => m[1]).sort(), ['camera', 'relay', 'site'], run.output());
    for (const [, name, pid] of stopped) {
      assert.ok(groupIsGone(Number(pid)), `${name}'s process group ${pid} still has processes`);
    }
    assert.ok(await portIsFree(relayPort, '127.0.0.1'), 'relay port released');
    assert.ok(await portIsFree(sitePort, '127.0.0.1'), 'site port released');
    assert.ok(!existsSync(dataDir), `${dataDir} removed`);
  });

  it('refuses to start when a port is taken, and says which and what to do', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const start = spawn(process.execPath, [join(ROOT, 'scripts/start.ts')], {
        cwd: ROOT,
        env: { ...process.env, PORTHOLE_PORT: String(port), PORTHOLE_SITE_PORT: String(await freePort()) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const run = capture(start);
      assert.equal(await run.exited, 1);
      assert.match(
        run.output(),
        new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use, and the relay needs it`),
      );
      assert.match(run.output(), /PORTHOLE_PORT=\d+ npm start/);
      assert.doesNotMatch(run.output(), /starting the relay/);
    } finally {
      blocker.close();
    }
  });
});
