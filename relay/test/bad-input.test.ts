import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  getPointer,
  legacyBody,
  makeJpeg,
  startTestRelay,
  type TestRelay,
  TOKEN,
  uploadWithTus,
} from '@porthole/testing';
import sharp from 'sharp';

const TUS = { 'Tus-Resumable': '1.0.0' };
const AUTH = { Authorization: `Bearer ${TOKEN}` };

/** Replace the dimensions in a JPEG's start-of-frame header: a "decompression bomb" that is tiny on the wire. */
function withDeclaredSize(jpeg: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(jpeg);
  for (let i = 0; i < copy.length - 9; i++) {
    if (copy[i] === 0xff && (copy[i + 1] === 0xc0 || copy[i + 1] === 0xc2)) {
      copy.writeUInt16BE(height, i + 5);
      copy.writeUInt16BE(width, i + 7);
      return copy;
    }
  }
  throw new Error('no SOF marker');
}

async function tusCreateWithUpload(
  base: string,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(new URL('files/', base), {
    method: 'POST',
    headers: {
      ...TUS,
      ...AUTH,
      'Upload-Length': String(body.length),
      'Content-Type': 'application/offset+octet-stream',
      ...headers,
    },
    body,
  });
}

async function legacyUpload(
  base: string,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(new URL('upload', base), {
    method: 'POST',
    headers: { ...AUTH, 'Content-Type': 'multipart/form-data; boundary=LMR', ...headers },
    body,
  });
}

describe('bad input is refused with a clear 4xx and never replaces the last good frame', () => {
  let relay: TestRelay;
  let good: Buffer;
  let onAir: string;

  before(async () => {
    relay = await startTestRelay({ maxUpload: '512kB', authFailRate: '1000/m' });
    good = await makeJpeg(42);
    await uploadWithTus(relay.url, good);
    await relay.idle();
    onAir = JSON.stringify((await getPointer(relay.url)).variants);
  });
  after(() => relay.dispose());

  async function assertFrameUnchanged(): Promise<void> {
    await relay.idle();
    assert.equal(JSON.stringify((await getPointer(relay.url)).variants), onAir);
  }

  const cases: [string, () => Promise<Buffer>, number, RegExp][] = [
    [
      'a truncated JPEG',
      async () => good.subarray(0, Math.floor(good.length * 0.6)),
      422,
      /truncated or corrupt/,
    ],
    ['a JPEG with corrupted entropy data', async () => corrupt(good), 422, /truncated or corrupt/],
    [
      'plain text',
      async () => Buffer.from('hello, I am not an image at all\n'.repeat(20)),
      415,
      /not a JPEG, PNG or WebP/,
    ],
    [
      'an SVG (an image, but not one a camera sends)',
      async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
      415,
      /not a JPEG/,
    ],
    [
      'a GIF',
      async () =>
        sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
          .gif()
          .toBuffer(),
      415,
      /got gif/,
    ],
    [
      'a 60000x60000 header bomb',
      async () => withDeclaredSize(good, 60000, 60000),
      422,
      /larger than the relay accepts/,
    ],
    ['an empty body', async () => Buffer.alloc(0), 422, /empty/],
    [
      'a polyglot (HTML with a JPEG header glued on)',
      async () => Buffer.concat([good.subarray(0, 200), Buffer.from('<html><script>alert(1)</script>')]),
      415,
      /not a JPEG, PNG or WebP/,
    ],
  ];

  for (const [name, make, status, reason] of cases) {
    test(`${name} over tus: ${status}`, async () => {
      const res = await tusCreateWithUpload(relay.url, await make());
      assert.equal(res.status, status);
      assert.match(await res.text(), reason);
      await assertFrameUnchanged();
    });
    test(`${name} over the legacy multipart endpoint: ${status}`, async () => {
      const res = await legacyUpload(relay.url, legacyBody(await make()));
      assert.equal(res.status, status);
      assert.match(await res.text(), reason);
      await assertFrameUnchanged();
    });
  }

  test('an upload larger than --max-upload: 413 before any byte is stored', async () => {
    const big = Buffer.alloc(600 * 1024, 1);
    const tus = await fetch(new URL('files/', relay.url), {
      method: 'POST',
      headers: { ...TUS, ...AUTH, 'Upload-Length': String(big.length) },
    });
    assert.equal(tus.status, 413);
    const legacy = await legacyUpload(relay.url, legacyBody(big));
    assert.equal(legacy.status, 413);
    await assertFrameUnchanged();
  });

  test('multipart without an img field, with two files, or with another boundary: 400', async () => {
    const other = Buffer.from(
      legacyBody(good).toString('latin1').replace('name="img"', 'name="photo"'),
      'latin1',
    );
    const twice = Buffer.concat([legacyBody(good).subarray(0, -4), Buffer.from('\r\n'), legacyBody(good)]);
    for (const [body, headers] of [
      [other, {}],
      [twice, {}],
      [legacyBody(good), { 'Content-Type': 'multipart/form-data; boundary=XYZ' }],
      [legacyBody(good), { 'Content-Type': 'application/json' }],
    ] as const) {
      const res = await legacyUpload(relay.url, body, headers);
      assert.equal(res.status, 400, await res.text());
    }
    await assertFrameUnchanged();
  });

  test('malformed tus requests get the protocol’s answers', async () => {
    const noVersion = await fetch(new URL('files/', relay.url), {
      method: 'POST',
      headers: { ...AUTH, 'Upload-Length': '10' },
    });
    assert.equal(noVersion.status, 412);
    const badLength = await fetch(new URL('files/', relay.url), {
      method: 'POST',
      headers: { ...TUS, ...AUTH, 'Upload-Length': 'ten' },
    });
    assert.equal(badLength.status, 400);
    const created = await fetch(new URL('files/', relay.url), {
      method: 'POST',
      headers: { ...TUS, ...AUTH, 'Upload-Length': String(good.length) },
    });
    const location = new URL(created.headers.get('location')!, relay.url);
    const wrongOffset = await fetch(location, {
      method: 'PATCH',
      headers: { ...TUS, ...AUTH, 'Upload-Offset': '5', 'Content-Type': 'application/offset+octet-stream' },
      body: good,
    });
    assert.equal(wrongOffset.status, 409);
    const wrongType = await fetch(location, {
      method: 'PATCH',
      headers: { ...TUS, ...AUTH, 'Upload-Offset': '0', 'Content-Type': 'text/plain' },
      body: good,
    });
    assert.equal(wrongType.status, 415);
    await assertFrameUnchanged();
  });

  test('upload ids with path tricks, NUL or absurd length are not found, and nothing outside is touched', async () => {
    for (const id of [
      '..%2F..%2Fstate.json',
      '..',
      '%2e%2e%2fstate.json',
      'abc%00def',
      'a'.repeat(5000),
      '..%5C..%5Cstate.json',
    ]) {
      const res = await fetch(new URL(`files/${id}`, relay.url), {
        method: 'HEAD',
        headers: { ...TUS, ...AUTH },
      });
      assert.ok([404, 431].includes(res.status), `${id.slice(0, 20)}: ${res.status}`);
      const patch = await fetch(new URL(`files/${id}`, relay.url), {
        method: 'PATCH',
        headers: { ...TUS, ...AUTH, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
        body: 'x',
      });
      assert.ok([404, 431].includes(patch.status), `${id.slice(0, 20)}: ${patch.status}`);
    }
    const state = await fetch(new URL('frames/..%2Fstate.json', relay.url));
    assert.equal(state.status, 404);
    await assertFrameUnchanged();
  });

  test('every write endpoint refuses a missing, wrong, or almost-right token with 401; OPTIONS stays open', async () => {
    const almost = `${TOKEN.slice(0, -1)}${TOKEN.endsWith('f') ? 'e' : 'f'}`;
    for (const authorization of [undefined, 'Bearer nope', `Bearer ${almost}`, `Basic ${TOKEN}`, TOKEN]) {
      const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
      const requests: [string, RequestInit][] = [
        ['files/', { method: 'POST', headers: { ...TUS, ...headers, 'Upload-Length': '10' } }],
        ['files/0123456789abcdef0123456789abcdef', { method: 'HEAD', headers: { ...TUS, ...headers } }],
        [
          'files/0123456789abcdef0123456789abcdef',
          {
            method: 'PATCH',
            headers: {
              ...TUS,
              ...headers,
              'Upload-Offset': '0',
              'Content-Type': 'application/offset+octet-stream',
            },
            body: 'x',
          },
        ],
        ['files/0123456789abcdef0123456789abcdef', { method: 'DELETE', headers: { ...TUS, ...headers } }],
        [
          'upload',
          {
            method: 'POST',
            headers: { ...headers, 'Content-Type': 'multipart/form-data; boundary=LMR' },
            body: legacyBody(good),
          },
        ],
        [
          'control',
          {
            method: 'POST',
            headers: { ...headers, 'Content-Type': 'application/json' },
            body: '{"paused":true}',
          },
        ],
      ];
      for (const [path, init] of requests) {
        const res = await fetch(new URL(path, relay.url), init);
        assert.equal(res.status, 401, `${init.method} /${path} with ${authorization}`);
        assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="porthole"');
      }
    }
    assert.equal((await fetch(new URL('files/', relay.url), { method: 'OPTIONS' })).status, 204);
    assert.equal((await getPointer(relay.url)).mode, 'live', 'the refused control call paused nothing');
    await assertFrameUnchanged();
    const metrics = await (await fetch(new URL('metrics', relay.url))).text();
    assert.ok(!metrics.includes(TOKEN), 'the token never appears in metrics');
  });
});

describe('guessing the token', () => {
  test('an address that keeps failing the token check is slowed to 429 with Retry-After', async () => {
    const relay = await startTestRelay({ authFailRate: '3/m' });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        const res = await fetch(new URL('control', relay.url), {
          method: 'POST',
          headers: { Authorization: 'Bearer wrong-guess-000000' },
        });
        statuses.push(res.status);
        if (res.status === 429) assert.ok(Number(res.headers.get('retry-after')) > 0);
      }
      assert.deepEqual(statuses, [401, 401, 401, 429, 429, 429]);
    } finally {
      await relay.dispose();
    }
  });
});

describe('what cameras other than the ESP32 send', () => {
  let relay: TestRelay;
  before(async () => {
    relay = await startTestRelay();
  });
  after(() => relay.dispose());

  test('EXIF orientation is applied, then every byte of metadata (GPS included) is gone from every variant', async () => {
    const source = await sharp(await makeJpeg(7, { width: 400, height: 300 }))
      .withExif({
        IFD0: { Make: 'SpyCam', Copyright: 'secret owner' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' },
      })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const meta = await sharp(source).metadata();
    assert.equal(meta.orientation, 6);
    assert.ok(meta.exif);
    await uploadWithTus(relay.url, source);
    await relay.idle();
    const pointer = await getPointer(relay.url);
    for (const variant of pointer.variants) {
      const bytes = Buffer.from(
        await (await fetch(new URL(variant.url, new URL('frame', relay.url)))).arrayBuffer(),
      );
      const out = await sharp(bytes).metadata();
      assert.equal(out.exif, undefined, `${variant.format} has no EXIF`);
      assert.equal(out.xmp, undefined);
      assert.equal(out.icc, undefined);
      assert.ok(out.height! > out.width!, 'rotated upright (portrait)');
      assert.ok(!bytes.includes(Buffer.from('SpyCam')) && !bytes.includes(Buffer.from('secret owner')));
    }
  });

  test('PNG (16-bit) and WebP and CMYK JPEG frames are accepted and published', async () => {
    const base = sharp(await makeJpeg(8, { width: 320, height: 240 }));
    const inputs = [
      await base.clone().png().toColourspace('grey16').toBuffer(),
      await sharp(await makeJpeg(9, { width: 320, height: 240 }))
        .webp()
        .toBuffer(),
      await sharp(await makeJpeg(10, { width: 320, height: 240 }))
        .toColourspace('cmyk')
        .jpeg()
        .toBuffer(),
    ];
    for (const input of inputs) {
      const before = (await getPointer(relay.url)).seq;
      await uploadWithTus(relay.url, input);
      await relay.idle();
      assert.ok((await getPointer(relay.url)).seq > before);
    }
  });
});

function corrupt(jpeg: Buffer): Buffer {
  const copy = Buffer.from(jpeg);
  // Overwrite a stretch of the entropy-coded data with marker bytes the decoder cannot accept.
  const start = Math.floor(copy.length * 0.5);
  for (let i = start; i < start + 64; i += 2) {
    copy[i] = 0xff;
    copy[i + 1] = 0xd9;
  }
  return copy;
}
