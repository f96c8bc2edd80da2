/**
 * The board program itself (src/main.cpp and friends, compiled for the host against implemented API
 * stubs, see test/board-sim) against the real relay: the switch, the control message, captures and
 * uploads, the LED's wave blinks, watchdog feeding and frame-buffer release.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getPointer, startTestRelay, type TestRelay, TOKEN, writeFrameFolder } from '@porthole/testing';
import { makeFrame } from './frames.ts';

const BOARD_SIM = fileURLToPath(new URL('../build/board-sim', import.meta.url));

interface Line {
  t: number;
  text: string;
}

/** Runs the simulated board for `ms` and returns its timestamped lines ("[board t=..]" / "[sim t=..]"). */
function runBoard(env: Record<string, string>, onLine: (line: Line) => void = () => {}): Promise<Line[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(BOARD_SIM, [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: Line[] = [];
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      pending += text;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const raw of parts) {
        const match = /^\[(?:board|sim) t=(\d+)\] (.*)$/.exec(raw);
        if (!match) continue;
        const line = { t: Number(match[1]), text: match[2] ?? '' };
        lines.push(line);
        onLine(line);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(lines);
      else
        reject(
          new Error(`board-sim exited with ${code}:\n${lines.map((l) => `${l.t} ${l.text}`).join('\n')}`),
        );
    });
  });
}

const dump = (lines: Line[]) => lines.map((l) => `${l.t} ${l.text}`).join('\n');

describe('the board program on the host, against the real relay', () => {
  let relay: TestRelay;
  let frames: string;
  const boardEnv = (extra: Record<string, string>) => ({
    PORTHOLE_SIM_RELAY: relay.url.replace('http://', 'https://'),
    PORTHOLE_SIM_TOKEN: TOKEN,
    PORTHOLE_SIM_FRAMES: frames,
    ...extra,
  });

  before(async () => {
    relay = await startTestRelay({ offlineAfter: '60s', maxUpload: '4MB' });
    frames = await writeFrameFolder(
      await Promise.all([20, 21, 22, 23, 24, 25].map((n) => makeFrame(n))),
      'porthole-board-',
    );
  });
  after(async () => {
    await relay?.dispose();
    await rm(frames, { recursive: true, force: true });
  });

  test('uploads frames, obeys the switch with one control message each way, and blinks for waves', {
    timeout: 60_000,
  }, async () => {
    for (let i = 0; i < 2; i++) await fetch(new URL('wave', relay.url), { method: 'POST' });
    const modes = new Set<string>();
    const polling = setInterval(() => {
      getPointer(relay.url).then(
        (p) => modes.add(p.mode),
        () => {},
      );
    }, 100);
    const lines = await runBoard(
      boardEnv({ PORTHOLE_SIM_SWITCH: 'on,off@1800,on@3300', PORTHOLE_SIM_MS: '4800' }),
    ).finally(() => clearInterval(polling));
    const all = dump(lines);
    const at = (pattern: RegExp) => lines.filter((l) => pattern.test(l.text));

    assert.ok(
      at(/^camera init: format 4, frame size 8, quality 12, 2 buffers in PSRAM, grab latest/).length === 1,
      all,
    );
    assert.equal(at(/^sensor special effect 2$/).length, 1, 'grayscale effect set');
    assert.equal(at(/^tls root CA set/).length, 1, all);

    const published = at(/^\[upload\] published \d+ bytes/);
    assert.ok(published.length >= 4, `several frames published:\n${all}`);
    const first = published[0] as Line;
    assert.match(first.text, /waves 2$/, all);
    const flashes = at(/^led on$/).filter((l) => l.t > first.t && l.t <= first.t + 1200);
    assert.equal(flashes.length, 2, `two blinks after two waves:\n${all}`);

    const off = at(/^\[switch\] camera off$/)[0];
    const on = at(/^\[switch\] camera on$/)[0];
    assert.ok(off && on, all);
    assert.ok(off.t >= 1800 && off.t < 1800 + 400, `debounced flip seen promptly (${off.t})`);
    const whileOff = lines.filter(
      (l) => l.t > off.t && l.t < on.t && /^capture |^\[upload\] published/.test(l.text),
    );
    assert.deepEqual(whileOff, [], 'nothing captured or uploaded while the switch is off');
    assert.equal(at(/^\[switch\] told the relay paused=true: accepted \(HTTP 200\)$/).length, 1, all);
    assert.equal(at(/^\[switch\] told the relay paused=false: accepted \(HTTP 200\)$/).length, 1, all);
    assert.ok(
      lines.some((l) => l.t > on.t && /^\[upload\] published/.test(l.text)),
      'uploads resume',
    );
    assert.ok(modes.has('paused'), `the site showed the loop while the switch was off (saw ${[...modes]})`);
    assert.equal((await getPointer(relay.url)).mode, 'live');

    const end = at(/^end: /)[0]?.text ?? '';
    const gap = Number(/longest watchdog gap (\d+) ms/.exec(end)?.[1]);
    assert.ok(gap < 5_000, `the loop fed the watchdog (longest gap ${gap} ms)`);
    assert.match(end, /frame buffers held [01]$/, 'frame buffers are returned to the driver');
  });

  test('booting with the switch off pauses the site once and captures nothing', {
    timeout: 30_000,
  }, async () => {
    const lines = await runBoard(boardEnv({ PORTHOLE_SIM_SWITCH: 'off', PORTHOLE_SIM_MS: '1500' }));
    const all = dump(lines);
    assert.equal(
      lines.filter((l) => /^\[switch\] told the relay paused=true: accepted/.test(l.text)).length,
      1,
      all,
    );
    assert.ok(!lines.some((l) => /^capture /.test(l.text)), all);
    assert.equal((await getPointer(relay.url)).mode, 'paused');
    const resume = await runBoard(boardEnv({ PORTHOLE_SIM_SWITCH: 'off,on@200', PORTHOLE_SIM_MS: '1500' }));
    assert.ok(
      resume.some((l) => /^\[switch\] told the relay paused=false: accepted/.test(l.text)),
      dump(resume),
    );
    assert.equal((await getPointer(relay.url)).mode, 'live');
  });

  test('a refused token stops uploads and shows the fault pattern', { timeout: 30_000 }, async () => {
    const lines = await runBoard(
      boardEnv({ PORTHOLE_SIM_TOKEN: 'not-the-token-0123456789', PORTHOLE_SIM_MS: '3000' }),
    );
    const all = dump(lines);
    const refused = lines.filter((l) => /^\[upload\] the relay refused the token/.test(l.text));
    assert.equal(refused.length, 1, all);
    assert.equal(
      lines.filter((l) => /^capture /.test(l.text)).length,
      1,
      `no retry within the minute:\n${all}`,
    );
    const after = lines.filter((l) => l.t > (refused[0] as Line).t && l.text === 'led on');
    assert.ok(after.length >= 2, `fault pattern flashes:\n${all}`);
  });
});
