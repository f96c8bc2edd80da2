import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getPointer, makeJpeg, startTestRelay, type TestRelay, uploadWithTus } from '@porthole/testing';
import sharp from 'sharp';
import { posterVariant } from '../src/delivery/poster-route.ts';
import type { Variant } from '../src/variant.ts';

describe('GET /poster', () => {
  let relay: TestRelay;
  before(async () => {
    relay = await startTestRelay();
    await uploadWithTus(relay.url, await makeJpeg(1));
    await relay.idle();
  });
  after(() => relay.dispose());

  test('answers the frame on air as its 640-px JPEG, cacheable by a CDN for a short while, without Vary', async () => {
    const pointer = await getPointer(relay.url);
    const jpeg = pointer.variants.find((v) => v.format === 'jpeg' && v.width === 640);
    assert.ok(jpeg, 'the pointer lists a 640-px JPEG');
    const res = await fetch(new URL('poster', relay.url), {
      headers: { Accept: 'image/avif,image/webp,*/*' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
    assert.equal(
      res.headers.get('cache-control'),
      'public, max-age=30, stale-while-revalidate=300, stale-if-error=86400',
    );
    assert.equal(res.headers.get('vary'), null);
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    const bytes = Buffer.from(await res.arrayBuffer());
    const same = Buffer.from(
      await (await fetch(new URL(jpeg.url, new URL('frame', relay.url)))).arrayBuffer(),
    );
    assert.ok(bytes.equals(same), 'the poster is the variant itself');
    assert.equal((await sharp(bytes).metadata()).width, 640);
  });

  test('its ETag names the frame: 304 while it is on air, 200 with new bytes once another frame is', async () => {
    const first = await fetch(new URL('poster', relay.url));
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^"[0-9a-f]{24}-640\.jpg"$/);
    const again = await fetch(new URL('poster', relay.url), { headers: { 'If-None-Match': etag ?? '' } });
    assert.equal(again.status, 304);
    await uploadWithTus(relay.url, await makeJpeg(2));
    await relay.idle();
    const changed = await fetch(new URL('poster', relay.url), { headers: { 'If-None-Match': etag ?? '' } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
  });
});

test('the poster is the widest JPEG up to 640 px, else the narrowest', () => {
  const jpeg = (width: number): Variant => ({
    format: 'jpeg',
    width,
    height: width,
    bytes: 1,
    name: `${width}`,
  });
  const avif = { ...jpeg(640), format: 'avif' as const };
  assert.equal(posterVariant([jpeg(320), jpeg(640), jpeg(1280), avif])?.width, 640);
  assert.equal(posterVariant([jpeg(480), jpeg(320)])?.width, 480);
  assert.equal(posterVariant([jpeg(1600), jpeg(1024)])?.width, 1024);
  assert.equal(posterVariant([avif]), undefined);
});
