import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFeed, type FeedOptions } from '../../src/feed/feed.ts';
import type { LoopFrame } from '../../src/feed/loop.ts';
import type { RawImage } from '../../src/pipeline/masks.ts';
import type { PublishedFrame, RelayState } from '../../src/store/state.ts';
import type { Variant } from '../../src/variant.ts';

const INTERVAL = 2_000;
const OFFLINE_AFTER = 10_000;

const variant = (name: string): Variant => ({ format: 'jpeg', width: 4, height: 3, bytes: 10, name });
const image = (width: number, height: number, value: number): RawImage => ({
  data: Buffer.alloc(width * height, value),
  width,
  height,
  channels: 1,
});
const loopFrame = (i: number): LoopFrame => ({
  variants: [variant(`loop-${i}`)],
  decode: async () => image(8, 6, 40 * i),
});
const liveFrame = (name: string): PublishedFrame => ({
  variants: [variant(name)],
  thumb: '',
  publishedAt: 0,
});

/** A feed on a virtual clock; saves wait until the test lets them through, as a slow disk would. */
function feedOnClock(overrides: Partial<FeedOptions> = {}, state?: Partial<RelayState>) {
  let clock = 1_000_000;
  const saved: RelayState[] = [];
  let held: (() => void)[] | undefined;
  const feed = createFeed({
    state: { seq: 0, paused: false, lastFrameAt: 0, history: [], ...state },
    loop: [0, 1, 2].map(loopFrame),
    offlineAfterMs: OFFLINE_AFTER,
    intervalMs: INTERVAL,
    historyLength: 5,
    privacy: null,
    save: async (s) => {
      if (held) await new Promise<void>((release) => held!.push(release));
      saved.push(structuredClone(s));
    },
    now: () => clock,
    random: () => 0.5,
    ...overrides,
  });
  return {
    feed,
    saved,
    advance: (ms: number) => {
      clock += ms;
      feed.tick();
    },
    holdSaves: () => {
      held = [];
    },
    releaseSaves: () => {
      const waiting = held ?? [];
      held = undefined;
      for (const release of waiting) release();
    },
    now: () => clock,
  };
}

const onAir = (feed: ReturnType<typeof createFeed>) => {
  const pointer = feed.current()!.pointer;
  return { seq: pointer.seq, mode: pointer.mode, name: pointer.variants[0]!.name };
};

test('with no frame yet the feed is offline and plays the loop, one step per camera interval', async () => {
  const { feed, advance } = feedOnClock();
  await feed.settled();
  assert.equal(feed.mode(), 'offline');
  assert.equal(onAir(feed).name, 'loop-0');
  advance(INTERVAL - 1);
  await feed.settled();
  assert.equal(onAir(feed).name, 'loop-0', 'no step before the interval is up');
  advance(1);
  await feed.settled();
  assert.equal(onAir(feed).name, 'loop-1');
  advance(INTERVAL);
  advance(INTERVAL);
  await feed.settled();
  assert.equal(onAir(feed).name, 'loop-0', 'the loop wraps around');
});

test('a frame makes the feed live; silence beyond offlineAfter returns to the loop from its first frame', async () => {
  const { feed, advance } = feedOnClock();
  advance(INTERVAL);
  feed.frameArrived();
  feed.published(liveFrame('live-a'), 100);
  await feed.settled();
  assert.deepEqual([feed.mode(), onAir(feed).name], ['live', 'live-a']);
  advance(OFFLINE_AFTER);
  await feed.settled();
  assert.equal(feed.mode(), 'live', 'exactly offlineAfter of silence is still live');
  advance(1);
  await feed.settled();
  assert.deepEqual([feed.mode(), onAir(feed).name], ['offline', 'loop-0']);
});

test('the owner’s pause wins over a live camera, and resuming shows the newest live frame', async () => {
  const { feed, advance } = feedOnClock();
  feed.frameArrived();
  feed.published(liveFrame('live-a'), 100);
  feed.setPaused(true);
  await feed.settled();
  assert.deepEqual([feed.mode(), onAir(feed).name], ['paused', 'loop-0']);
  advance(INTERVAL);
  feed.frameArrived();
  await feed.settled();
  assert.equal(feed.mode(), 'paused', 'frames from the camera do not end a pause');
  feed.setPaused(false);
  await feed.settled();
  assert.deepEqual([feed.mode(), onAir(feed).name], ['live', 'live-a']);
});

test('the pointer moves only once its state is saved, and every move gets a new seq', async () => {
  const { feed, saved, holdSaves, releaseSaves } = feedOnClock();
  await feed.settled();
  const before = onAir(feed);
  holdSaves();
  feed.frameArrived();
  feed.published(liveFrame('live-a'), 100);
  assert.deepEqual(onAir(feed), before, 'nothing public changes while the save is pending');
  releaseSaves();
  await feed.settled();
  const after = onAir(feed);
  assert.equal(after.name, 'live-a');
  assert.ok(after.seq > before.seq);
  assert.ok(saved.some((s) => s.seq === after.seq && s.history[0]?.variants[0]?.name === 'live-a'));
});

test('a restarted feed starts past the seq it saved, so a seq never names other content', async () => {
  const { feed } = feedOnClock({}, { seq: 41 });
  await feed.settled();
  assert.ok(onAir(feed).seq > 41);
});

test('the poll hint follows the camera’s learnt interval when live and the next loop step otherwise', async () => {
  const { feed, advance, now } = feedOnClock();
  assert.equal(feed.nextDelay(), INTERVAL + 50, 'offline: just after the next loop step');
  for (let i = 0; i < 30; i++) {
    advance(3_000);
    feed.frameArrived();
    feed.published(liveFrame(`live-${i}`), 200);
  }
  await feed.settled();
  // After many 3 s gaps the smoothed interval is close to 3 s; plus ~200 ms of processing.
  const hint = feed.nextDelay(now());
  assert.ok(hint > 3_000 && hint < 3_300, `hint ${hint}`);
});

test('privacy windows: a substitute only while one is open, at the live frame’s exact size', async () => {
  const { feed, now } = feedOnClock({ privacy: { everyMs: 3_600_000, minMs: 60_000, maxMs: 60_000 } });
  const live = image(16, 12, 200);
  feed.openPrivacyWindow(5_000);
  const substitute = await feed.privacySubstitute(live);
  assert.ok(substitute);
  assert.deepEqual([substitute.width, substitute.height, substitute.channels], [16, 12, 1]);
  assert.ok(
    substitute.data.every((v) => Math.abs(v - 0) <= 3),
    'the first loop frame, with a little grain',
  );
  assert.equal(await feed.privacySubstitute(live, now() + 5_000), undefined, 'closed at its end');
  assert.equal(feed.mode(), 'offline', 'a window never changes the public mode');
});

test('a wave changes the pointer’s count and ETag, not its seq', async () => {
  let waves = 0;
  const { feed } = feedOnClock({ wavesNow: () => waves });
  await feed.settled();
  const before = feed.current()!;
  waves = 1;
  feed.waved();
  const after = feed.current()!;
  assert.equal(after.pointer.seq, before.pointer.seq);
  assert.equal(after.pointer.waves, 1);
  assert.notEqual(after.etag, before.etag);
});
