import assert from 'node:assert/strict';
import { test } from 'node:test';
import { viewersHeld } from '../src/viewers.ts';

test('a still scene is bounded by the 304 rate alone', () => {
  // 1,000 304s a second, one poll every 2 s each: 2,000 viewers.
  assert.equal(viewersHeld({ frame200: 10, frame304: 1000, variant: 10 }, 0), 2000);
});

test('a moving scene pays for a pointer and an image per frame', () => {
  // Each viewer costs 0.5 * (1/1000 + 1/1000) = 0.001 s per second: 1,000 viewers.
  assert.equal(Math.round(viewersHeld({ frame200: 1000, frame304: 5000, variant: 1000 }, 1)), 1000);
});

test('a faster camera holds fewer viewers', () => {
  const rates = { frame200: 1000, frame304: 2000, variant: 500 };
  assert.ok(viewersHeld(rates, 0.5, 1) < viewersHeld(rates, 0.5, 2));
});
