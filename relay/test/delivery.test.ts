import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HEADERS, type Pointer } from '@porthole/protocol';
import { getPointer, makeJpeg, startTestRelay, type TestRelay, uploadWithTus } from '@porthole/testing';
import sharp from 'sharp';

describe('delivery', () => {
  let relay: TestRelay;
  before(async () => {
    relay = await startTestRelay();
    await uploadWithTus(relay.url, await makeJpeg(1));
    await relay.idle();
  });
  after(() => relay.dispose());

  test('the pointer names the frame with sequence, mode, variants, next-frame hint; CORS and CDN-friendly caching', async () => {
    const res = await fetch(new URL('frame', relay.url), { headers: { Origin: 'https://example.org' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /ETag/);
    assert.match(res.headers.get('cache-control') ?? '', /public, max-age=1, stale-while-revalidate=\d+/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('etag') ?? '', /^W\/".+"$/);
    const body = (await res.json()) as Pointer;
    assert.deepEqual(Object.keys(body).sort(), ['mode', 'next', 'seq', 'variants', 'video', 'waves']);
    assert.ok(Number.isInteger(body.seq));
    assert.ok(body.next >= 250 && body.next <= 10_000, `next ${body.next}`);
    assert.equal(Number(res.headers.get(HEADERS.next)), body.next);
    for (const v of body.variants) {
      assert.deepEqual(Object.keys(v).sort(), ['bytes', 'format', 'height', 'url', 'width']);
      assert.match(v.url, /^frames\/[0-9a-f]{24}-\d+\.(avif|webp|jpg)$/);
    }
  });

  test('If-None-Match with the current ETag answers 304 with no body; a new frame changes the ETag', async () => {
    const first = await fetch(new URL('frame', relay.url));
    const etag = first.headers.get('etag')!;
    const again = await fetch(new URL('frame', relay.url), { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    assert.equal(again.headers.get('etag'), etag);
    assert.ok(Number(again.headers.get(HEADERS.next)) >= 250);
    await uploadWithTus(relay.url, await makeJpeg(2));
    await relay.idle();
    const after = await fetch(new URL('frame', relay.url), { headers: { 'If-None-Match': etag } });
    assert.equal(after.status, 200);
    assert.notEqual(after.headers.get('etag'), etag);
  });

  test('variants are immutable, typed, cross-origin embeddable, and conditional', async () => {
    const pointer = await getPointer(relay.url);
    for (const v of pointer.variants) {
      const res = await fetch(new URL(v.url, new URL('frame', relay.url)));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(res.headers.get('content-type'), `image/${v.format}`);
      assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
      assert.equal(Number(res.headers.get('content-length')), v.bytes);
      const etag = res.headers.get('etag')!;
      const again = await fetch(new URL(v.url, new URL('frame', relay.url)), {
        headers: { 'If-None-Match': etag },
      });
      assert.equal(again.status, 304);
    }
    assert.equal((await fetch(new URL('frames/000000000000000000000000-640.avif', relay.url))).status, 404);
    assert.equal((await fetch(new URL('frames/state.json', relay.url))).status, 404);
  });

  test('/latest picks AVIF, then WebP, then JPEG from Accept, varies on Accept, and is never cached', async () => {
    const cases: [string, string][] = [
      ['image/avif,image/webp,image/apng,image/*,*/*;q=0.8', 'avif'],
      ['image/webp,*/*', 'webp'],
      ['image/avif;q=0,image/webp', 'webp'],
      ['image/jpeg', 'jpeg'],
      ['*/*', 'jpeg'],
      ['', 'jpeg'],
    ];
    for (const [accept, format] of cases) {
      const res = await fetch(new URL('latest', relay.url), { headers: accept ? { Accept: accept } : {} });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), `image/${format}`, accept);
      assert.equal(res.headers.get('vary'), 'Accept');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      assert.equal(meta.width, 640, 'the largest variant');
    }
  });

  test('health, status and Prometheus metrics', async () => {
    const health = await fetch(new URL('healthz', relay.url));
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { status: string }).status, 'ok');
    const status = (await (await fetch(new URL('status', relay.url))).json()) as Record<string, unknown>;
    assert.equal(status.mode, 'live');
    assert.ok(Array.isArray(status.lastUploads) && status.lastUploads.length >= 2);
    assert.ok(typeof status.viewers === 'number' && status.viewers >= 1);
    const metrics = await (await fetch(new URL('metrics', relay.url))).text();
    for (const name of [
      'porthole_uploads_total{via="tus"}',
      'porthole_processing_seconds_bucket',
      'porthole_variant_bytes{format="avif",width="640"}',
      'porthole_viewers',
      'porthole_http_requests_total{route="frame"}',
    ]) {
      assert.ok(metrics.includes(name), name);
    }
  });

  test('unknown paths and methods: 404 and 405, with a one-line reason', async () => {
    const missing = await fetch(new URL('nope', relay.url));
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), 'no such resource\n');
    const wrong = await fetch(new URL('frame', relay.url), { method: 'DELETE' });
    assert.equal(wrong.status, 405);
    assert.match(wrong.headers.get('allow') ?? '', /GET/);
    const raw = await fetch(new URL('files/0123456789abcdef0123456789abcdef', relay.url));
    assert.equal(raw.status, 405, 'raw uploads are never downloadable');
  });

  test('viewers are counted approximately, by distinct poller', async () => {
    for (let i = 0; i < 50; i++)
      await fetch(new URL('frame', relay.url), { headers: { 'User-Agent': `viewer-${i}` } });
    const { viewers } = (await (await fetch(new URL('status', relay.url))).json()) as { viewers: number };
    assert.ok(viewers >= 45 && viewers <= 60, `about 50 viewers, estimated ${viewers}`);
  });
});
