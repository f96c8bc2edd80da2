import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  eventually,
  getPointer,
  makeJpeg,
  startTestRelay,
  type TestRelay,
  TOKEN,
  uploadWithTus,
} from '@porthole/testing';

const control = (relay: TestRelay, paused: boolean) =>
  fetch(new URL('control', relay.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ paused }),
  });

describe('modes', () => {
  let relay: TestRelay;
  before(async () => {
    relay = await startTestRelay({ offlineAfter: '1s', interval: '300ms' });
  });
  after(() => relay.dispose());

  test('before any upload the loop plays, marked offline, and advances at the frame interval', async () => {
    const first = await getPointer(relay.url);
    assert.equal(first.mode, 'offline');
    const later = await eventually(async () => {
      const p = await getPointer(relay.url);
      return p.seq > first.seq + 1 && p;
    });
    assert.notDeepEqual(later.variants, first.variants);
    assert.ok(first.next <= 400, `the hint follows the loop (${first.next} ms)`);
  });

  test('a frame makes it live; silence longer than offlineAfter goes back to the loop', async () => {
    await uploadWithTus(relay.url, await makeJpeg(1));
    await relay.idle();
    const live = await getPointer(relay.url);
    assert.equal(live.mode, 'live');
    const offline = await eventually(async () => {
      const p = await getPointer(relay.url);
      return p.mode === 'offline' && p;
    }, 3000);
    assert.notDeepEqual(offline.variants, live.variants);
  });

  test('the owner pauses: loop plays, marked paused, uploads are acknowledged but never published; resume goes live', async () => {
    const paused = await control(relay, true);
    assert.equal(paused.status, 200);
    assert.deepEqual(await paused.json(), { paused: true, mode: 'paused' });
    const published = (await relay.metrics.published.get()).values[0]?.value ?? 0;
    await uploadWithTus(relay.url, await makeJpeg(2));
    await relay.idle();
    assert.equal(
      (await relay.metrics.published.get()).values[0]?.value ?? 0,
      published,
      'nothing published while paused',
    );
    assert.equal((await getPointer(relay.url)).mode, 'paused');
    await control(relay, false);
    await uploadWithTus(relay.url, await makeJpeg(3));
    await relay.idle();
    assert.equal((await getPointer(relay.url)).mode, 'live');
  });

  test('control refuses anything but {"paused": boolean} as JSON', async () => {
    for (const [body, type, status] of [
      ['{"paused":"yes"}', 'application/json', 400],
      ['paused', 'application/json', 400],
      ['{"paused":true}', 'text/plain', 415],
      [`{"paused":true,"pad":"${'x'.repeat(2000)}"}`, 'application/json', 413],
    ] as const) {
      const res = await fetch(new URL('control', relay.url), {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': type },
        body,
      });
      assert.equal(res.status, status, body.slice(0, 30));
    }
  });
});

describe('privacy windows', () => {
  let relay: TestRelay;
  before(async () => {
    relay = await startTestRelay({ offlineAfter: '30s' });
  });
  after(() => relay.dispose());

  /** Everything a visitor can observe about the feed, minus values that change every frame. */
  async function observe(): Promise<unknown> {
    const frame = await fetch(new URL('frame', relay.url));
    const body = (await frame.json()) as Awaited<ReturnType<typeof getPointer>>;
    const variant = body.variants.find((v) => v.format === 'avif')!;
    const image = await fetch(new URL(variant.url, new URL('frame', relay.url)));
    const status = (await (await fetch(new URL('status', relay.url))).json()) as Record<string, unknown>;
    const health = (await (await fetch(new URL('healthz', relay.url))).json()) as Record<string, unknown>;
    const headerNames = (res: Response) => [...res.headers.keys()].filter((k) => k !== 'date').sort();
    return {
      frameHeaders: headerNames(frame),
      cache: frame.headers.get('cache-control'),
      keys: Object.keys(body).sort(),
      mode: body.mode,
      variants: body.variants.map(
        (v) => `${v.format}@${v.width}x${v.height} ${v.url.replace(/[0-9a-f]{24}/, 'HASH')}`,
      ),
      imageHeaders: headerNames(image),
      imageCache: image.headers.get('cache-control'),
      statusKeys: Object.keys(status).sort(),
      statusMode: status.mode,
      healthMode: health.mode,
    };
  }

  test('a privacy window holds the still room: what happens meanwhile never shows, and outside nothing differs', async () => {
    await uploadWithTus(relay.url, await makeJpeg(1));
    await relay.idle();
    const live = await observe();
    const heldSeq = (await getPointer(relay.url)).seq;
    relay.openPrivacyWindow(60_000);
    await uploadWithTus(relay.url, await makeJpeg(1, { noise: 4 }));
    await relay.idle();
    assert.equal(relay.privacyState().state, 'open', 'a still room lets the window open');
    const seen = new Set((await getPointer(relay.url)).variants.map((v) => v.url));
    for (let i = 0; i < 4; i++) {
      // Someone walks in: live, this would publish a new frame; the window keeps the still room.
      await uploadWithTus(relay.url, await makeJpeg(100 + i));
      await relay.idle();
      assert.deepEqual(await observe(), live);
      const pointer = await getPointer(relay.url);
      assert.equal(pointer.seq, heldSeq, 'a still room publishes nothing, inside a window as outside');
      for (const v of pointer.variants) seen.add(v.url);
    }
    assert.equal(relay.privacyState().state, 'open', 'the room does not match: the window stays open');
    const loopNames = new Set<string>();
    const offlineRelay = await startTestRelay({ loopDir: relay.loopDir });
    for (const v of (await getPointer(offlineRelay.url)).variants) loopNames.add(v.url);
    await offlineRelay.dispose();
    for (const url of seen) assert.ok(!loopNames.has(url), 'privacy frames are never the loop');
  });
});

describe('control answers once visitors see it', () => {
  test('the pointer already says paused when POST /control returns, every time', async () => {
    const relay = await startTestRelay();
    try {
      await uploadWithTus(relay.url, await makeJpeg(9));
      await relay.idle();
      for (let i = 0; i < 10; i++) {
        const paused = i % 2 === 0;
        assert.equal((await control(relay, paused)).status, 200);
        assert.equal((await getPointer(relay.url)).mode, paused ? 'paused' : 'live');
      }
    } finally {
      await relay.dispose();
    }
  });
});
