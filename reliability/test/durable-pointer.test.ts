import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { getPointer, makeJpeg, startTestRelay, type TestRelay, uploadWithTus } from '@porthole/testing';

let relay: TestRelay;
before(async () => {
  relay = await startTestRelay({ widths: '160', offlineAfter: '60s' });
});
after(() => relay.dispose());

/**
 * kill -9 can strike between any two instructions; the only safe order is "on disk, then public". So
 * whenever the public sees a pointer, the state file must already hold that seq and that frame.
 */
test('the pointer never names a frame or a seq that is not on disk yet', async () => {
  const frames = await Promise.all(
    Array.from({ length: 30 }, (_, i) => makeJpeg(300 + i, { width: 320, height: 240 })),
  );
  let uploading = true;
  const camera = (async () => {
    for (const frame of frames) await uploadWithTus(relay.url, frame);
    await relay.idle();
    uploading = false;
  })();
  const ahead: string[] = [];
  let looks = 0;
  while (uploading) {
    const pointer = await getPointer(relay.url);
    const state = JSON.parse(await readFile(join(relay.dataDir, 'state.json'), 'utf8')) as {
      seq: number;
      history: { variants: { name: string }[] }[];
    };
    looks++;
    const served = pointer.variants.map((v) => v.url.replace('frames/', '')).join();
    const saved = state.history[0]?.variants.map((v) => v.name).join();
    if (state.seq < pointer.seq) ahead.push(`seq ${pointer.seq} served, ${state.seq} on disk`);
    // (Live with no frame published yet shows the loop: nothing to compare.)
    else if (pointer.mode === 'live' && saved && state.seq === pointer.seq && served !== saved)
      ahead.push(`seq ${pointer.seq}: a frame not on disk`);
  }
  await camera;
  assert.ok(looks > 50, `${looks} looks`);
  assert.deepEqual(ahead, []);
});
