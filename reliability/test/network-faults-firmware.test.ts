import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  buildFirmwareUploader,
  makeJpeg,
  runFirmwareUploader,
  startTestRelay,
  type TestRelay,
  TOKEN,
} from '@porthole/testing';
import { randomFaults } from '../src/fault-plan.ts';
import { type FaultProxy, startFaultProxy } from '../src/fault-proxy.ts';
import { publishAudit } from '../src/publish-audit.ts';
import { readCounters } from '../src/relay-counters.ts';
import { uploadLeftovers } from '../src/upload-leftovers.ts';

const FRAMES = 100;
const SEED = Number(process.env.PORTHOLE_FAULT_SEED ?? 20240607) + 1;

let relay: TestRelay;
let proxy: FaultProxy;
let sources: Buffer[];
let frameDir: string;

before(async () => {
  // Built here, so a firmware that does not compile fails this test with the compiler's output.
  await buildFirmwareUploader();
  // The audit counts every pointer move: an hour-long interval keeps the loop from stepping before the
  // first frame arrives, however long the machine takes to get there.
  relay = await startTestRelay({ widths: '160', offlineAfter: '60s', interval: '1h' });
  sources = await Promise.all(
    Array.from({ length: FRAMES }, (_, i) => makeJpeg(7000 + i, { width: 320, height: 240 })),
  );
  frameDir = await mkdtemp(join(tmpdir(), 'porthole-fw-frames-'));
  proxy = await startFaultProxy({
    target: relay.url,
    plan: randomFaults({
      seed: SEED,
      mix: { cut: 0.12, reset: 0.08, stall: 0.06, trickle: 0.06 },
      maxOffset: { up: 10_000, down: 400 },
      stallMs: [20, 300],
      trickle: { chunkBytes: [256, 2048], everyMs: [1, 8] },
    }),
  });
});
after(async () => {
  await proxy?.close();
  await relay?.dispose();
  if (frameDir) await rm(frameDir, { recursive: true, force: true });
});

test(`${FRAMES} uploads from the firmware's host uploader through network faults: each published once, intact`, async () => {
  const audit = await publishAudit(relay.url, sources);
  const before = await readCounters(relay.url);
  const started = performance.now();
  let resumes = 0;
  let requests = 0;
  // One frame per run, so each frame is checked on air before the next one can supersede it.
  for (let i = 0; i < FRAMES; i++) {
    await writeFile(join(frameDir, 'frame.jpg'), sources[i]!);
    const run = await runFirmwareUploader([
      '--relay',
      proxy.url,
      '--token',
      TOKEN,
      '--dir',
      frameDir,
      '--once',
      '--max-age',
      '60s',
    ]);
    const output = `${run.lines.join('\n')}\n${run.stderr}`;
    assert.equal(run.code, 0, `frame ${i}:\n${output}`);
    const done = run.lines.find((l) => l.startsWith('published frame.jpg'));
    assert.ok(done, output);
    requests += Number(/requests=(\d+)/.exec(done)?.[1]);
    resumes += Number(/resumes=(\d+)/.exec(done)?.[1]);
    await relay.idle();
    await audit.expectOnAir(i);
  }
  const counters = await readCounters(relay.url);
  const published = counters.published - before.published;
  const received = counters.uploads.tus - before.uploads.tus;
  console.log(
    `firmware through faults: ${FRAMES} frames in ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
      `${requests} requests, ${resumes} resumes, ${proxy.stats.connections} connections; faults fired ` +
      `${JSON.stringify(proxy.stats.fired)}; published ${published}, received ${received}; ` +
      `worst pixel distance ${audit.worstDistance.toFixed(2)}`,
  );
  assert.equal(published, FRAMES, 'exactly one publish per frame');
  assert.equal(counters.dropped - before.dropped, 0);
  assert.equal(counters.unchanged - before.unchanged, received - FRAMES);
  const fired = proxy.stats.fired;
  assert.ok(fired.cut + fired.reset >= 10 && fired.stall + fired.trickle >= 5, 'the faults fired');
  assert.deepEqual((await uploadLeftovers(relay.dataDir)).complete, []);
});
