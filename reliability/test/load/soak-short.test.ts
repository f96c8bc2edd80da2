/** The load soak, short (npm run soak runs the long one). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeSoak, runSoak, soakProblems } from '../../src/soak/soak.ts';

test('2000 pollers (2 polls/s each) and a camera for 8 s: zero errors, every frame published or skipped, memory sampled', async () => {
  const report = await runSoak({
    seconds: 8,
    pollers: 2000,
    pollsPerSecond: 2,
    cameraIntervalMs: 300,
    slowClients: 0,
    sampleEveryMs: 500,
  });
  console.log(describeSoak(report));
  assert.deepEqual(soakProblems(report), []);
  assert.ok(report.camera.uploaded >= 8, `${report.camera.uploaded} uploads`);
  assert.ok(report.counters.published >= 5, `${report.counters.published} published`);
  assert.ok(report.rssMb.length >= 10);
});
