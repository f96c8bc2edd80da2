import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { HEADERS } from '@porthole/protocol';
import {
  eventually,
  getPointer,
  legacyBody,
  makeJpeg,
  pixelDistance,
  startTestRelay,
  type TestRelay,
  TOKEN,
  uploadWithTus,
} from '@porthole/testing';
import sharp from 'sharp';

const auth = { Authorization: `Bearer ${TOKEN}`, 'Tus-Resumable': '1.0.0' };

async function publishedCount(relay: TestRelay): Promise<number> {
  const metric = await relay.metrics.published.get();
  return metric.values[0]?.value ?? 0;
}

/** Send raw bytes over a socket and return the whole response text (for byte-exact requests). */
function rawRequest(base: string, bytes: Buffer): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}

describe('ingest', () => {
  let relay: TestRelay;
  before(async () => {
    relay = await startTestRelay();
  });
  after(() => relay.dispose());

  test('a frame uploaded with tus-js-client is published as AVIF, WebP and JPEG at each width', async () => {
    const jpeg = await makeJpeg(1);
    const before = await getPointer(relay.url);
    await uploadWithTus(relay.url, jpeg);
    await relay.idle();
    const pointer = await getPointer(relay.url);
    assert.ok(pointer.seq > before.seq);
    assert.equal(pointer.mode, 'live');
    assert.deepEqual(pointer.variants.map((v) => `${v.format}@${v.width}`).sort(), [
      'avif@320',
      'avif@640',
      'jpeg@320',
      'jpeg@640',
      'webp@320',
      'webp@640',
    ]);
    for (const variant of pointer.variants) {
      const res = await fetch(new URL(variant.url, new URL('frame', relay.url)));
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.equal(bytes.length, variant.bytes);
      const meta = await sharp(bytes).metadata();
      assert.equal(meta.width, variant.width);
      assert.equal(meta.height, variant.height);
      assert.ok((await pixelDistance(bytes, jpeg)) < 8, `${variant.format} looks like the upload`);
    }
  });

  test('creation-with-upload publishes a small frame in one round trip', async () => {
    const jpeg = await makeJpeg(2);
    const published = await publishedCount(relay);
    const res = await fetch(new URL('files/', relay.url), {
      method: 'POST',
      headers: {
        ...auth,
        'Upload-Length': String(jpeg.length),
        'Content-Type': 'application/offset+octet-stream',
      },
      body: jpeg,
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('upload-offset'), String(jpeg.length));
    assert.match(res.headers.get('location') ?? '', /^\/files\/[0-9a-f]{32}$/);
    assert.equal(res.headers.get(HEADERS.waves), '0');
    await relay.idle();
    assert.equal(await publishedCount(relay), published + 1);
  });

  test('an upload cut mid-PATCH resumes from the offset the relay reports, and is published exactly once', async () => {
    const jpeg = await makeJpeg(3);
    const published = await publishedCount(relay);
    const created = await fetch(new URL('files/', relay.url), {
      method: 'POST',
      headers: { ...auth, 'Upload-Length': String(jpeg.length) },
    });
    assert.equal(created.status, 201);
    const location = new URL(created.headers.get('location')!, relay.url);
    // Send half the body, then drop the connection, as flaky Wi-Fi would.
    const half = Math.floor(jpeg.length / 2);
    const head = `PATCH ${location.pathname} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: ${jpeg.length}\r\n\r\n`;
    await new Promise<void>((resolve) => {
      const socket = connect(Number(location.port), location.hostname, () => {
        socket.write(Buffer.concat([Buffer.from(head), jpeg.subarray(0, half)]), () => {
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 150);
        });
      });
      socket.on('error', () => resolve());
    });
    const offset = await eventually(async () => {
      const res = await fetch(location, { method: 'HEAD', headers: auth });
      const value = Number(res.headers.get('upload-offset'));
      return value > 0 ? value : undefined;
    });
    assert.ok(offset <= half, `offset ${offset} within what was sent`);
    const rest = await fetch(location, {
      method: 'PATCH',
      headers: {
        ...auth,
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
      },
      body: jpeg.subarray(offset),
    });
    assert.equal(rest.status, 204);
    await relay.idle();
    assert.equal(await publishedCount(relay), published + 1);
    // A camera that lost that answer asks again: it hears "complete" and does not send the frame twice.
    const again = await fetch(location, { method: 'HEAD', headers: auth });
    assert.equal(again.headers.get('upload-offset'), String(jpeg.length));
    assert.equal(again.headers.get('upload-length'), String(jpeg.length));
    const repeat = await fetch(location, {
      method: 'PATCH',
      headers: {
        ...auth,
        'Upload-Offset': String(jpeg.length),
        'Content-Type': 'application/offset+octet-stream',
      },
      body: '',
    });
    assert.equal(repeat.status, 204);
    await relay.idle();
    assert.equal(await publishedCount(relay), published + 1);
    const latest = Buffer.from(
      await (await fetch(new URL('latest', relay.url), { headers: { Accept: 'image/jpeg' } })).arrayBuffer(),
    );
    assert.ok((await pixelDistance(latest, jpeg)) < 8, 'the resumed frame is the one on air, intact');
  });

  test('termination deletes an unfinished upload; OPTIONS advertises Tus-Max-Size and the extensions', async () => {
    const created = await fetch(new URL('files/', relay.url), {
      method: 'POST',
      headers: { ...auth, 'Upload-Length': '1000' },
    });
    const location = new URL(created.headers.get('location')!, relay.url);
    assert.equal((await fetch(location, { method: 'DELETE', headers: auth })).status, 204);
    assert.equal((await fetch(location, { method: 'HEAD', headers: auth })).status, 404);
    const options = await fetch(new URL('files/', relay.url), { method: 'OPTIONS' });
    assert.equal(options.status, 204);
    assert.equal(options.headers.get('tus-max-size'), String(4 * 1024 * 1024));
    for (const ext of ['creation', 'creation-with-upload', 'termination', 'expiration']) {
      assert.ok(options.headers.get('tus-extension')?.includes(ext), ext);
    }
  });

  test('the original ESP32 sketch request, byte for byte, answers Success and publishes', async () => {
    const jpeg = await makeJpeg(4);
    const body = legacyBody(jpeg);
    const head = `POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: ${body.length}\r\nContent-Type: multipart/form-data; boundary=LMR\r\nConnection: close\r\n\r\n`;
    const published = await publishedCount(relay);
    const response = await rawRequest(relay.url, Buffer.concat([Buffer.from(head), body]));
    assert.match(response, /^HTTP\/1\.1 200 /);
    assert.match(response, /\r\n\r\nSuccess$/);
    assert.match(response, /porthole-waves: 0/i);
    await relay.idle();
    assert.equal(await publishedCount(relay), published + 1);
  });

  test('waves from visitors reach the camera in the next upload response, once', async () => {
    for (let i = 0; i < 3; i++)
      assert.equal((await fetch(new URL('wave', relay.url), { method: 'POST' })).status, 202);
    assert.equal((await getPointer(relay.url)).waves, 3);
    const first = await uploadWithTus(relay.url, await makeJpeg(5));
    assert.equal(first['porthole-waves'], '3');
    const second = await uploadWithTus(relay.url, await makeJpeg(6));
    assert.equal(second['porthole-waves'], '0');
  });

  test('frames arriving faster than they encode: the newest wins, none queue without bound', async () => {
    const frames = await Promise.all([10, 11, 12, 13, 14, 15].map((seed) => makeJpeg(seed)));
    await relay.idle();
    const dropped = (await relay.metrics.dropped.get()).values[0]?.value ?? 0;
    const published = await publishedCount(relay);
    await Promise.all(frames.map((jpeg) => uploadWithTus(relay.url, jpeg)));
    await relay.idle();
    const newlyPublished = (await publishedCount(relay)) - published;
    const newlyDropped = ((await relay.metrics.dropped.get()).values[0]?.value ?? 0) - dropped;
    assert.equal(newlyPublished + newlyDropped, frames.length, 'each frame is published or superseded');
    assert.ok(newlyPublished < frames.length, 'intermediate frames were dropped');
    const unchanged = (await relay.metrics.unchanged.get()).values[0]?.value ?? 0;
    assert.equal(unchanged, 0);
  });

  test('a frame equal to the published one but for sensor noise is not republished, and the camera stays live', async () => {
    const base = await makeJpeg(20, { noise: 0 });
    await uploadWithTus(relay.url, base);
    await relay.idle();
    const { seq } = await getPointer(relay.url);
    const published = await publishedCount(relay);
    await uploadWithTus(relay.url, await makeJpeg(20, { noise: 5 }));
    await uploadWithTus(relay.url, await makeJpeg(20, { noise: 5, quality: 70 }));
    await relay.idle();
    assert.equal(await publishedCount(relay), published);
    const pointer = await getPointer(relay.url);
    assert.equal(pointer.seq, seq, 'a still room costs visitors nothing');
    assert.equal(pointer.mode, 'live');
  });
});
