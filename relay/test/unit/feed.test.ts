import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '@porthole/testing';
import { preferredFormat } from '../../src/delivery/negotiate.ts';
import { viewerCounter } from '../../src/delivery/viewers.ts';
import { currentMode } from '../../src/feed/mode.ts';
import { serialisePointer } from '../../src/feed/pointer.ts';
import { pollHintMs } from '../../src/feed/poll-hint.ts';
import { rateLimiter } from '../../src/http/rate-limit.ts';
import { nextPrivacyWindow, parsePrivacyWindows } from '../../src/pipeline/privacy-schedule.ts';
import { privacyWindows } from '../../src/pipeline/privacy-window.ts';
import { createWaveCounter } from '../../src/waves/wave-counter.ts';

test('mode: paused wins, then offline after the silence limit, else live', () => {
  assert.equal(currentMode(true, 1000, 10_000, 2000), 'paused');
  assert.equal(currentMode(false, 1000, 10_000, 11_000), 'live');
  assert.equal(currentMode(false, 1000, 10_000, 11_001), 'offline');
  assert.equal(currentMode(false, 0, 10_000, Date.now()), 'offline');
});

test('the poll hint points at the next expected frame, within bounds, and backs off when it is overdue', () => {
  assert.equal(pollHintMs(3000, 1000), 2000);
  assert.equal(pollHintMs(1100, 1000), 250);
  assert.equal(pollHintMs(500, 1000), 250);
  assert.equal(pollHintMs(0, 5000), 1000);
  assert.equal(pollHintMs(60_000, 0), 10_000);
});

test('privacy windows: parse, draw at random within bounds, open and close', () => {
  assert.equal(parsePrivacyWindows('off'), null);
  assert.deepEqual(parsePrivacyWindows('every=30m,for=1m-3m'), {
    everyMs: 1_800_000,
    minMs: 60_000,
    maxMs: 180_000,
    stillMs: 30_000,
  });
  assert.equal((parsePrivacyWindows('every=30m,for=1m-3m,still=10s') as { stillMs: number }).stillMs, 10_000);
  assert.match(String(parsePrivacyWindows('every=30m')), /expected on, off/);
  const policy = { everyMs: 60_000, minMs: 5_000, maxMs: 10_000, stillMs: 0 };
  const random = seededRandom(5);
  for (let i = 0; i < 100; i++) {
    const w = nextPrivacyWindow(policy, 1000, random);
    assert.ok(w.start >= 1000 && w.end - w.start >= 5_000 && w.end - w.start <= 10_000);
  }
  const off = privacyWindows({ policy: null, now: 0 });
  assert.equal(off.holds(1, true, true), false);
  off.dueNow(100, 50);
  assert.equal(off.holds(120, true, true), true, 'an owner-made window opens on a still room');
  assert.equal(off.holds(169, true, true), true, 'held for its whole length, counted from when it opened');
  assert.equal(off.holds(170, true, true), false, 'closes at its end when the live room matches');
  assert.equal(off.holds(10_000, true, true), false, 'and stays closed when windows are off');
  // With a policy, windows open about as often as drawn, in a room that is always still and matching.
  let open = 0;
  const busy = privacyWindows({ policy, now: 0, random: seededRandom(9) });
  for (let t = 0; t < 6_000_000; t += 1000) if (busy.holds(t, true, true)) open++;
  const share = open / 6000;
  assert.ok(share > 0.05 && share < 0.2, `open about 7.5/67.5 of the time, got ${share.toFixed(3)}`);
});

test('the pointer body carries next; its ETag ignores next but not the frame or the waves', () => {
  const variants = [
    { format: 'avif' as const, width: 640, height: 480, bytes: 1234, name: `${'a'.repeat(24)}-640.avif` },
  ];
  const a = serialisePointer({ seq: 7, mode: 'live', waves: 0, variants });
  assert.deepEqual(JSON.parse(a.body(1500)), {
    next: 1500,
    seq: 7,
    mode: 'live',
    waves: 0,
    variants: [
      { format: 'avif', width: 640, height: 480, bytes: 1234, url: `frames/${'a'.repeat(24)}-640.avif` },
    ],
  });
  assert.equal(a.etag, serialisePointer({ seq: 7, mode: 'live', waves: 0, variants }).etag);
  assert.notEqual(a.etag, serialisePointer({ seq: 8, mode: 'live', waves: 0, variants }).etag);
  assert.notEqual(a.etag, serialisePointer({ seq: 7, mode: 'live', waves: 1, variants }).etag);
});

test('format negotiation honours q=0 and prefers AVIF, then WebP, then JPEG', () => {
  assert.equal(preferredFormat('image/avif,image/webp,*/*'), 'avif');
  assert.equal(preferredFormat('image/avif;q=0, image/webp;q=0.5'), 'webp');
  assert.equal(preferredFormat('image/png'), 'jpeg');
  assert.equal(preferredFormat(undefined), 'jpeg');
});

test('viewers: about right for thousands, in fixed memory, forgetting those who left', () => {
  let now = 0;
  const counter = viewerCounter(30_000, () => now);
  for (let i = 0; i < 5000; i++) counter.seen(`10.0.${i >> 8}.${i & 255} agent`);
  for (let i = 0; i < 5000; i++) counter.seen(`10.0.${i >> 8}.${i & 255} agent`);
  const estimate = counter.estimate();
  assert.ok(Math.abs(estimate - 5000) < 250, `estimated ${estimate}`);
  now = 31_000;
  counter.seen('new viewer');
  assert.ok(counter.estimate() >= 4500, 'the previous window still counts');
  now = 95_000;
  counter.seen('new viewer');
  assert.equal(counter.estimate(), 1);
});

test('rate limits: per key within a window, bounded key memory', () => {
  let now = 0;
  const limiter = rateLimiter({ count: 2, windowMs: 1000 }, () => now);
  assert.equal(limiter.take('a'), 0);
  assert.equal(limiter.take('a'), 0);
  assert.equal(limiter.take('a'), 1000);
  assert.equal(limiter.take('b'), 0);
  now = 1000;
  assert.equal(limiter.take('a'), 0);
  const flood = rateLimiter({ count: 1, windowMs: 1000 }, () => now);
  let refused = 0;
  for (let i = 0; i < 20_000; i++) if (flood.take(`k${i}`) > 0) refused++;
  assert.equal(refused, 10_000, 'beyond 10,000 addresses new ones wait for the next window');
});

test('waves: a minute of history for visitors, and a since-last-upload count for the camera', () => {
  const waves = createWaveCounter();
  waves.add(0);
  waves.add(30_000);
  assert.equal(waves.recent(59_000), 2);
  assert.equal(waves.recent(61_000), 1);
  assert.equal(waves.takeSinceUpload(), 2);
  assert.equal(waves.takeSinceUpload(), 0);
});
