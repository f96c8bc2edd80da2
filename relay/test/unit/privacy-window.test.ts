import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '@porthole/testing';
import type { RawImage } from '../../src/pipeline/masks.ts';
import { type PrivacyEvent, privacyWindows } from '../../src/pipeline/privacy-window.ts';
import { createStillScene } from '../../src/pipeline/still-scene.ts';

const POLICY = { everyMs: 60_000, minMs: 10_000, maxMs: 10_000, stillMs: 5_000 };

function windowsFrom(events: PrivacyEvent[]) {
  const w = privacyWindows({ policy: POLICY, now: 0, random: () => 0.5, onChange: (e) => events.push(e) });
  w.dueNow(0, 10_000);
  return w;
}

test('a due window waits until the room has been still for stillMs, then opens', () => {
  const events: PrivacyEvent[] = [];
  const w = windowsFrom(events);
  assert.equal(w.holds(0, false, false), false, 'someone is moving: no window');
  assert.equal(w.holds(1_000, true, false), false, 'still for 0 s');
  assert.equal(w.holds(5_000, true, false), false, 'still for 4 s');
  assert.equal(w.state(5_000).state, 'due');
  assert.equal(w.holds(6_000, true, false), true, 'still for 5 s: open');
  assert.deepEqual(events, [{ event: 'opened', at: 6_000, until: 16_000 }]);
});

test('an open window holds while someone moves, and closes only when the live room matches the held one', () => {
  const events: PrivacyEvent[] = [];
  const w = windowsFrom(events);
  w.holds(0, true, true);
  assert.equal(w.holds(5_000, true, true), true);
  assert.equal(w.holds(9_000, false, false), true, 'someone walked in: still held');
  assert.equal(w.holds(16_000, false, false), true, 'its time is up, but the room does not match yet');
  assert.equal(w.holds(20_000, true, true), false, 'they left: the window closes without a seam');
  assert.deepEqual(events.at(-1), { event: 'closed', at: 20_000, seamless: true });
  assert.equal(w.state(20_000).closedSeamlessly, 1);
});

test('a window that cannot close seamlessly closes at four times its length, and says so', () => {
  const events: PrivacyEvent[] = [];
  const w = windowsFrom(events);
  w.holds(0, true, true);
  w.holds(5_000, true, true);
  assert.equal(w.holds(44_999, false, false), true);
  assert.equal(w.holds(45_000, false, false), false);
  assert.deepEqual(events.at(-1), { event: 'closed', at: 45_000, seamless: false });
});

/** A flat grey room with a darker box, at camera-like noise σ. */
function room(random: () => number, options: { sigma?: number; light?: number; person?: boolean } = {}) {
  const { sigma = 3, light = 0, person = false } = options;
  const width = 160;
  const height = 120;
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let v = 120 + light + (x > 100 && y > 60 ? -50 : 0) + (person && x > 20 && x < 50 && y > 30 ? -70 : 0);
      v += (random() + random() + random() - 1.5) * 2 * sigma;
      data[y * width + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  return { data, width, height, channels: 1 } satisfies RawImage;
}

const meanAbsDiff = (a: RawImage, b: RawImage) => {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
};

test('the still scene learns the room and its noise, and its stand-in is the room with fresh noise of that strength', () => {
  const random = seededRandom(3);
  const scene = createStillScene(seededRandom(4));
  let seen = scene.observe(room(random), false);
  for (let i = 0; i < 40; i++) seen = scene.observe(room(random), false);
  assert.ok(seen.stillFor > 30, 'a room with only noise is still');
  assert.ok(Math.abs(seen.sigma - 3) < 0.8, `noise σ learnt as ${seen.sigma.toFixed(2)}`);
  const live = room(random);
  // Two live frames of a still room differ by their noise; a stand-in differs from live by about as much.
  const liveToLive = meanAbsDiff(live, room(random));
  const standInToLive = meanAbsDiff(seen.standIn, live);
  assert.ok(Math.abs(standInToLive - liveToLive) / liveToLive < 0.2, `${standInToLive} vs ${liveToLive}`);
  assert.ok(
    !seen.standIn.data.equals(scene.observe(room(random), false).standIn.data),
    'fresh noise each time',
  );
});

test('while held, someone walking in stays out of the stand-in, but the light still follows, slowly', () => {
  const random = seededRandom(5);
  const scene = createStillScene(seededRandom(6));
  for (let i = 0; i < 40; i++) scene.observe(room(random), false);
  const empty = room(random);
  let held = scene.observe(room(random, { person: true }), true);
  assert.equal(held.stillFor, 0, 'the person is seen as movement');
  assert.ok(meanAbsDiff(held.standIn, empty) < 4, 'the stand-in shows the empty room');
  for (let i = 0; i < 200; i++) held = scene.observe(room(random, { person: true, light: 10 }), true);
  const mean = held.standIn.data.reduce((a, v) => a + v, 0) / held.standIn.data.length;
  const emptyMean = empty.data.reduce((a, v) => a + v, 0) / empty.data.length;
  assert.ok(
    mean - emptyMean > 7,
    `the held room brightened with the live light (${(mean - emptyMean).toFixed(1)})`,
  );
});
