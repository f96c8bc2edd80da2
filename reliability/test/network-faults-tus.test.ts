import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, before, test } from 'node:test';
import { makeJpeg, startTestRelay, type TestRelay, TOKEN, uploadWithTus } from '@porthole/testing';
import * as tus from 'tus-js-client';
import { randomFaults } from '../src/fault-plan.ts';
import { type FaultProxy, startFaultProxy } from '../src/fault-proxy.ts';
import { publishAudit } from '../src/publish-audit.ts';
import { readCounters } from '../src/relay-counters.ts';
import { uploadLeftovers } from '../src/upload-leftovers.ts';

const FRAMES = 100;
const SEED = Number(process.env.PORTHOLE_FAULT_SEED ?? 20240607);
// Retry quickly and for long: a resumed upload resets tus-js-client's attempt counter anyway.
const RETRY_DELAYS = [0, 10, 25, 50, 100, 100, 200, 200, 300, 300, 400, 400, 500, 500, 500, 500];

let relay: TestRelay;
let proxy: FaultProxy;
let sources: Buffer[];

before(async () => {
  // The audit counts every pointer move: an hour-long interval keeps the loop from stepping before the
  // first frame arrives, however long the machine takes to get there.
  relay = await startTestRelay({ widths: '160', offlineAfter: '60s', interval: '1h' });
  sources = await Promise.all(
    Array.from({ length: FRAMES }, (_, i) => makeJpeg(5000 + i, { width: 320, height: 240 })),
  );
  proxy = await startFaultProxy({
    target: relay.url,
    plan: randomFaults({
      seed: SEED,
      mix: { cut: 0.2, reset: 0.15, stall: 0.15, trickle: 0.15 },
      maxOffset: { up: 8000, down: 500 },
      stallMs: [20, 300],
      trickle: { chunkBytes: [256, 2048], everyMs: [1, 8] },
    }),
  });
});
after(async () => {
  await proxy.close();
  await relay.dispose();
});

test(`${FRAMES} tus-js-client uploads through cuts, resets, stalls and trickles: each published once, intact`, async () => {
  const audit = await publishAudit(relay.url, sources);
  const before = await readCounters(relay.url);
  const started = performance.now();
  // Mostly a connection per request, so each request meets its own fault; every fourth frame reuses
  // keep-alive connections, where a fault lands somewhere in a longer conversation.
  const fresh = new tus.DefaultHttpStack({ agent: new Agent({ keepAlive: false }) });
  const t = { up: 0, idle: 0, audit: 0 };
  for (let i = 0; i < FRAMES; i++) {
    const t0 = performance.now();
    await uploadWithTus(proxy.url, sources[i]!, TOKEN, {
      retryDelays: RETRY_DELAYS,
      // Half the frames in one creation-with-upload request, half as creation then PATCH; a third in 4 kB
      // chunks, so resumes start from many different offsets.
      uploadDataDuringCreation: i % 2 === 0,
      ...(i % 3 === 0 ? { chunkSize: 4096 } : {}),
      ...(i % 4 === 3 ? {} : { httpStack: fresh }),
    });
    const t1 = performance.now();
    await relay.idle();
    const t2 = performance.now();
    await audit.expectOnAir(i);
    t.up += t1 - t0;
    t.idle += t2 - t1;
    t.audit += performance.now() - t2;
  }
  console.log(t);
  const elapsed = performance.now() - started;
  const counters = await readCounters(relay.url);
  const published = counters.published - before.published;
  const received = counters.uploads.tus - before.uploads.tus;
  const faults = proxy.stats.fired;
  console.log(
    `tus through faults: ${FRAMES} frames in ${(elapsed / 1000).toFixed(1)} s over ${proxy.stats.connections} connections; ` +
      `faults fired ${JSON.stringify(faults)}; published ${published}, received ${received} ` +
      `(re-sent after a lost creation answer, skipped as unchanged: ${counters.unchanged - before.unchanged}); ` +
      `worst pixel distance ${audit.worstDistance.toFixed(2)}`,
  );
  assert.equal(audit.confirmed, FRAMES);
  assert.equal(published, FRAMES, 'exactly one publish per frame');
  assert.equal(counters.dropped - before.dropped, 0);
  // A frame re-sent because the answer to its creation request was lost is skipped by the change check.
  assert.equal(counters.unchanged - before.unchanged, received - FRAMES);
  assert.ok(faults.cut + faults.reset >= 10 && faults.stall >= 5 && faults.trickle >= 5, 'the faults fired');
  const leftovers = await uploadLeftovers(relay.dataDir);
  assert.deepEqual(leftovers.complete, [], 'every complete upload was processed and deleted');
});
