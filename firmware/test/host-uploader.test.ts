/**
 * The firmware's uploader (host build, same portable core as the board) against the real relay: frames
 * uploaded directly and through a proxy that cuts connections mid-upload must all be published intact.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import {
  closestSource,
  getPointer,
  grayThumb,
  runFirmwareUploader,
  startTestRelay,
  type TestRelay,
  TOKEN,
  writeFrameFolder,
} from '@porthole/testing';
import { type CutPlan, type CuttingProxy, startCuttingProxy } from './cutting-proxy.ts';
import { makeFrame } from './frames.ts';

describe('porthole-upload against the real relay', () => {
  let relay: TestRelay;
  let proxy: CuttingProxy;
  const dirs: string[] = [];
  const frames: Buffer[] = [];
  const thumbs: Buffer[] = [];

  const tempDir = async (made: Promise<string>) => {
    const dir = await made;
    dirs.push(dir);
    return dir;
  };
  const pointer = () => getPointer(relay.url);
  const latest = async (): Promise<Buffer> => {
    const res = await fetch(new URL('latest', relay.url), { headers: { accept: 'image/jpeg' } });
    assert.equal(res.status, 200);
    return Buffer.from(await res.arrayBuffer());
  };
  /** Uploads frames[index] alone with --once, optionally through the proxy. */
  const uploadOne = async (index: number, via = relay.url) => {
    const dir = await tempDir(writeFrameFolder([frames[index] as Buffer]));
    return runFirmwareUploader([
      '--relay',
      via,
      '--token',
      TOKEN,
      '--dir',
      dir,
      '--once',
      '--max-age',
      '30s',
    ]);
  };
  /** The relay shows frames[index] now: decoded from /latest, it is closer to that frame than to any other. */
  const assertShowing = async (index: number) => {
    const { index: shown, distance } = await closestSource(await latest(), thumbs);
    assert.equal(shown, index, `expected frame ${index} on air, found frame ${shown}`);
    assert.ok(distance < 12, `frame ${index} came back too different (distance ${distance.toFixed(1)})`);
  };

  before(async () => {
    for (let i = 0; i < 12; i++) frames.push(await makeFrame(i));
    thumbs.push(...(await Promise.all(frames.map(grayThumb))));
    relay = await startTestRelay({ offlineAfter: '60s', maxUpload: '4MB' });
    const { port } = new URL(relay.url);
    proxy = await startCuttingProxy({ host: '127.0.0.1', port: Number(port) });
    // The first frame switches the feed from the loop to live; after it, each publish moves seq by one.
    const first = await uploadOne(0);
    assert.equal(first.code, 0, first.lines.join('\n') + first.stderr);
    await relay.idle();
  });

  after(async () => {
    await proxy?.close();
    await relay?.dispose();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  test('uploads a folder of frames in order at the interval, each one published', {
    timeout: 60_000,
  }, async () => {
    const before = await pointer();
    const dir = await tempDir(writeFrameFolder(frames.slice(1, 5)));
    const run = await runFirmwareUploader([
      '--relay',
      relay.url,
      '--token',
      TOKEN,
      '--dir',
      dir,
      '--interval',
      '700ms',
      '--once',
    ]);
    assert.equal(run.code, 0, run.lines.join('\n') + run.stderr);
    const published = run.lines.filter((l) => l.startsWith('published '));
    assert.deepEqual(
      published.map((l) => l.split(' ')[1]),
      ['000.jpg', '001.jpg', '002.jpg', '003.jpg'],
    );
    assert.ok(
      published.every((l) => l.includes(' requests=1 ')),
      'an undisturbed frame takes one request',
    );
    assert.equal(run.lines.at(-1), 'done published=4 failed=0');
    await relay.idle();
    assert.equal((await pointer()).seq, before.seq + 4);
    await assertShowing(4);
  });

  test('delivers every frame intact through a proxy that cuts connections mid-upload', {
    timeout: 120_000,
  }, async () => {
    const size = (frames[5] as Buffer).length;
    assert.ok(size > 20_000, `test frames should be large enough to cut inside (got ${size} bytes)`);
    const plans: { name: string; cuts: CutPlan[] }[] = [
      { name: 'inside the POST head', cuts: [{ up: 120 }] },
      { name: 'inside the creation body', cuts: [{ up: Math.round(size / 2) }] },
      {
        name: 'inside the creation body, then inside the PATCH body',
        cuts: [{ up: Math.round(size / 3) }, { up: 600 + Math.round(size / 2) }],
      },
      {
        name: 'three times in a row',
        cuts: [
          { up: Math.round(size / 4) },
          { up: 600 + Math.round(size / 4) },
          { up: 600 + Math.round(size / 4) },
        ],
      },
      { name: 'inside the response to a complete upload', cuts: [{ down: 20 }] },
    ];
    let resumedAtOffset = 0;
    for (const [i, plan] of plans.entries()) {
      const index = 5 + i;
      const before = await pointer();
      const cutsBefore = proxy.cuts;
      proxy.replan((connection) => plan.cuts[connection]);
      const run = await uploadOne(index, proxy.url);
      const output = `${plan.name}:\n${run.lines.join('\n')}${run.stderr}`;
      assert.equal(run.code, 0, output);
      if (process.env.DEBUG_UPLOADER) console.log(output);
      assert.ok(
        run.lines.some((l) => l.startsWith('published 000.jpg')),
        output,
      );
      assert.equal(proxy.cuts - cutsBefore, plan.cuts.length, `every planned cut happened (${output})`);
      for (const line of run.lines) {
        const offset = /^resume \S+ at offset (\d+)$/.exec(line)?.[1];
        if (offset) resumedAtOffset = Math.max(resumedAtOffset, Number(offset));
      }
      await relay.idle();
      assert.equal((await pointer()).seq, before.seq + 1, `published exactly once (${output})`);
      await assertShowing(index);
    }
    // HEAD reported bytes the relay kept from a cut PATCH, and the upload went on from there.
    assert.ok(resumedAtOffset > 0, 'a resumed upload continued from a non-zero offset');
    proxy.replan(() => undefined);
  });

  test('prints the waves visitors sent since the last upload and blinks for them', {
    timeout: 30_000,
  }, async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(new URL('wave', relay.url), { method: 'POST' });
      assert.equal(res.status, 202);
    }
    const run = await uploadOne(10);
    assert.equal(run.code, 0, run.lines.join('\n') + run.stderr);
    assert.ok(run.lines.includes('waves 3'), run.lines.join('\n'));
    assert.ok(run.lines.includes('blink 3'), run.lines.join('\n'));
    const quiet = await uploadOne(11);
    assert.ok(!quiet.lines.some((l) => l.startsWith('blink')), 'no waves, no blinking');
    await relay.idle();
  });

  test('stops at once when the relay refuses the token, publishing nothing', {
    timeout: 30_000,
  }, async () => {
    const before = await pointer();
    const dir = await tempDir(writeFrameFolder([frames[3] as Buffer]));
    const run = await runFirmwareUploader([
      '--relay',
      relay.url,
      '--token',
      'not-the-token-0123456789',
      '--dir',
      dir,
      '--once',
    ]);
    assert.equal(run.code, 3);
    assert.ok(run.lines.includes('unauthorized 000.jpg: token refused (HTTP 401)'), run.lines.join('\n'));
    await relay.idle();
    assert.equal((await pointer()).seq, before.seq);
  });

  test('the switch message pauses the feed and resumes it', { timeout: 30_000 }, async () => {
    const paused = await runFirmwareUploader(['--relay', relay.url, '--token', TOKEN, '--control', 'paused']);
    assert.equal(paused.code, 0, paused.lines.join('\n') + paused.stderr);
    assert.deepEqual(paused.lines, ['control paused: accepted (HTTP 200)']);
    assert.equal((await pointer()).mode, 'paused');
    const live = await runFirmwareUploader(['--relay', relay.url, '--token', TOKEN, '--control', 'live']);
    assert.equal(live.code, 0);
    assert.equal((await pointer()).mode, 'live');
  });
});
