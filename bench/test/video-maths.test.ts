import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type CrfPoint,
  crfsToBracket,
  expectedKeyWaitMs,
  matchBytes,
  matchSsim,
  timedOutHolds,
} from '../src/video-maths.ts';

const SWEEP: CrfPoint[] = [
  { crf: 44, chunkBytes: 100_000, ssim: 0.87 },
  { crf: 36, chunkBytes: 200_000, ssim: 0.92 },
  { crf: 52, chunkBytes: 50_000, ssim: 0.82 },
];

test('a target SSIM halfway between two points gives the crf halfway and the geometric mean of bytes', () => {
  const match = matchSsim(SWEEP, 0.895);
  assert.ok(match);
  assert.ok(Math.abs(match.crf - 40) < 1e-9);
  assert.ok(Math.abs(match.chunkBytes - Math.sqrt(200_000 * 100_000)) < 1e-6);
});

test('a target SSIM on a point gives that point', () => {
  assert.deepEqual(matchSsim(SWEEP, 0.82), { crf: 52, chunkBytes: 50_000 });
});

test('a target SSIM outside the sweep is not extrapolated', () => {
  assert.equal(matchSsim(SWEEP, 0.95), null);
  assert.equal(matchSsim(SWEEP, 0.8), null);
});

test('a bytes target is matched in log bytes, with the SSIM there', () => {
  const match = matchBytes(SWEEP, Math.sqrt(100_000 * 50_000));
  assert.ok(match);
  assert.ok(Math.abs(match.crf - 48) < 1e-9);
  assert.ok(Math.abs(match.ssim - 0.845) < 1e-9);
  assert.equal(matchBytes(SWEEP, 10_000), null);
  assert.equal(matchBytes(SWEEP, 0), null);
});

test('a sweep that misses a target grows towards it, within crf 0–63', () => {
  assert.deepEqual(crfsToBracket(SWEEP, [0.9]), []);
  assert.deepEqual(crfsToBracket(SWEEP, [0.98]), [30]);
  assert.deepEqual(crfsToBracket(SWEEP, [0.5]), [58]);
  assert.deepEqual(crfsToBracket(SWEEP, [0.9], [20_000]), [58]);
  assert.deepEqual(crfsToBracket(SWEEP, [0.9], [400_000]), [30]);
  assert.deepEqual(crfsToBracket([{ crf: 2, chunkBytes: 1, ssim: 0.5 }], [0.99]), [0]);
  assert.deepEqual(crfsToBracket([{ crf: 0, chunkBytes: 1, ssim: 0.5 }], [0.99]), []);
  assert.deepEqual(crfsToBracket([], [0.9]), []);
});

test('a held request times out once per hold while no frame comes', () => {
  assert.equal(timedOutHolds(2_000, 20_000), 0);
  // A frame exactly as the hold ends wins.
  assert.equal(timedOutHolds(20_000, 20_000), 0);
  assert.equal(timedOutHolds(22_000, 20_000), 1);
  assert.equal(timedOutHolds(60_000, 20_000), 2);
  assert.equal(timedOutHolds(0, 20_000), 0);
});

test('a wait still open when the measurement ends counts the holds completed by then', () => {
  assert.equal(timedOutHolds(20_000, 20_000, true), 1);
  assert.equal(timedOutHolds(19_999, 20_000, true), 0);
  assert.equal(timedOutHolds(45_000, 20_000, true), 2);
});

test('a newcomer waits half a group for the next key, longer when still frames are skipped', () => {
  assert.equal(expectedKeyWaitMs(30, 2_000), 30_000);
  assert.equal(expectedKeyWaitMs(30, 2_000, 0.5), 60_000);
  assert.equal(expectedKeyWaitMs(30, 2_000, 0), Number.POSITIVE_INFINITY);
});
