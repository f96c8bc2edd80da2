/**
 * Hostile and odd images, beyond relay/test/bad-input.test.ts: scan bombs, PNG and WebP header bombs,
 * polyglots, junk ICC profiles, and location metadata in every accepted format. Refused ones get a 4xx
 * and a log line and leave the frame on air alone; accepted ones reach the public with nothing but pixels.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  fetchFrameOnAir,
  legacyBody,
  makeJpeg,
  startTestRelay,
  type TestRelay,
  TOKEN,
  uploadWithTus,
} from '@porthole/testing';
import sharp from 'sharp';
import { scanBomb, scanCount, withSegment } from '../src/corpus/jpeg-segments.ts';
import { grayPng, pngChunk, withPngChunks } from '../src/corpus/png-chunks.ts';
import { webpDeclaring } from '../src/corpus/webp-header.ts';

const AUTH = { Authorization: `Bearer ${TOKEN}` };
const via = {
  tus: (base: string, body: Buffer) =>
    fetch(new URL('files/', base), {
      method: 'POST',
      headers: {
        ...AUTH,
        'Tus-Resumable': '1.0.0',
        'Upload-Length': String(body.length),
        'Content-Type': 'application/offset+octet-stream',
      },
      body,
    }),
  multipart: (base: string, body: Buffer) =>
    fetch(new URL('upload', base), {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'multipart/form-data; boundary=LMR' },
      body: legacyBody(body),
    }),
};

const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '51/1 28/1 3880/100',
  GPSLongitudeRef: 'W',
  GPSLongitude: '0/1 0/1 500/100',
};
const XMP_GPS =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,28.6466N" ' +
  'exif:GPSLongitude="0,0.0833W"/></rdf:RDF></x:xmpmeta>';
/** Strings that must never reach a published variant. */
const SECRETS = [
  'SpyCam-9000',
  'GPSLatitude',
  '51,28.6466N',
  '<script>',
  'PK\u0003\u0004',
  'owner@example.com',
];

const zip = Buffer.concat([
  Buffer.from('PK\u0003\u0004'),
  Buffer.alloc(26),
  Buffer.from('secret.txt owner@example.com'),
]);

interface Refused {
  name: string;
  make: () => Promise<Buffer>;
  status: number[];
}
interface Accepted {
  name: string;
  make: (seed: number) => Promise<Buffer>;
}

const camera = (seed: number) => makeJpeg(seed, { width: 320, height: 240 });

const REFUSED: Refused[] = [
  {
    name: 'a progressive JPEG with one scan repeated to 1 MB (scan bomb)',
    make: async () =>
      scanBomb(
        await sharp(await camera(1))
          .jpeg({ progressive: true })
          .toBuffer(),
        1 << 20,
      ),
    status: [422],
  },
  {
    name: 'a PNG declaring 30000x30000 with real deflated rows',
    make: async () => grayPng(30_000, 30_000, 40),
    status: [422],
  },
  { name: 'a PNG declaring 0x10', make: async () => grayPng(0, 10, 1), status: [415, 422] },
  {
    name: 'a lossless WebP declaring 16383x16383',
    make: async () => webpDeclaring(16_383, 16_383),
    status: [415, 422],
  },
  {
    name: 'a PDF with a JPEG inside (polyglot)',
    make: async () => Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj <<>> stream\n'), await camera(2)]),
    status: [415],
  },
  {
    name: 'a RIFF/WEBP header wrapped around a JPEG (polyglot)',
    make: async () => {
      const jpeg = await camera(3);
      const head = Buffer.alloc(20);
      head.write('RIFF', 0);
      head.writeUInt32LE(jpeg.length + 12, 4);
      head.write('WEBPVP8 ', 8);
      head.writeUInt32LE(jpeg.length, 16);
      return Buffer.concat([head, jpeg]);
    },
    status: [415, 422],
  },
];

const ACCEPTED: Accepted[] = [
  {
    name: 'a JPEG with EXIF GPS, maker and XMP GPS',
    make: async (seed) =>
      sharp(await camera(seed))
        .withExif({ IFD0: { Make: 'SpyCam-9000', Artist: 'owner@example.com' }, IFD3: GPS })
        .withXmp(XMP_GPS)
        .jpeg()
        .toBuffer(),
  },
  {
    name: 'a PNG with EXIF GPS and XMP GPS',
    make: async (seed) =>
      sharp(await camera(seed))
        .withExif({ IFD0: { Make: 'SpyCam-9000' }, IFD3: GPS })
        .withXmp(XMP_GPS)
        .png()
        .toBuffer(),
  },
  {
    name: 'a WebP with EXIF GPS and XMP GPS',
    make: async (seed) =>
      sharp(await camera(seed))
        .withExif({ IFD0: { Make: 'SpyCam-9000' }, IFD3: GPS })
        .withXmp(XMP_GPS)
        .webp()
        .toBuffer(),
  },
  {
    name: 'a JPEG with a ZIP archive glued on (polyglot)',
    make: async (seed) => Buffer.concat([await camera(seed), zip]),
  },
  {
    name: 'a JPEG with a script in a comment and junk in an ICC segment',
    make: async (seed) =>
      withSegment(
        withSegment(await camera(seed), 0xfe, Buffer.from('<script>alert(1)</script> owner@example.com')),
        0xe2,
        Buffer.concat([Buffer.from('ICC_PROFILE\0\u0001\u0001'), Buffer.alloc(2000, 0x41)]),
      ),
  },
  {
    name: 'a PNG with a script in tEXt and HTML after IEND (polyglot)',
    make: async (seed) =>
      Buffer.concat([
        withPngChunks(
          await sharp(await camera(seed))
            .png()
            .toBuffer(),
          [pngChunk('tEXt', Buffer.from('Comment\0<script>alert(1)</script>'))],
        ),
        Buffer.from('<html><script>alert(1)</script></html>'),
      ]),
  },
  {
    name: 'a progressive JPEG with optimised scans',
    make: async (seed) => {
      const jpeg = await sharp(await camera(seed))
        .jpeg({ progressive: true, mozjpeg: true, optimiseScans: true })
        .toBuffer();
      assert.ok(scanCount(jpeg) >= 5, `${scanCount(jpeg)} scans`);
      return jpeg;
    },
  },
];

describe('hostile images', () => {
  let relay: TestRelay;
  before(async () => {
    relay = await startTestRelay({ logLevel: 'info', widths: '160,320', authFailRate: '1000/m' });
    await uploadWithTus(relay.url, await camera(500));
    await relay.idle();
  });
  after(() => relay.dispose());

  for (const c of REFUSED) {
    for (const path of ['tus', 'multipart'] as const) {
      test(`${c.name} over ${path}: ${c.status.join(' or ')}, logged, frame unchanged`, async () => {
        const onAir = (await fetchFrameOnAir(relay.url)).key;
        const mark = relay.logs.mark();
        const started = performance.now();
        const res = await via[path](relay.url, await c.make());
        const reason = await res.text();
        assert.ok(c.status.includes(res.status), `${res.status} ${reason}`);
        assert.match(reason, /^\S.*\n?$/, 'a one-line reason');
        assert.ok(performance.now() - started < 5_000, 'refused promptly');
        assert.ok(relay.logs.since(mark).some((e) => e.msg === 'frame rejected' && e.level === 40));
        await relay.idle();
        assert.equal((await fetchFrameOnAir(relay.url)).key, onAir);
      });
    }
  }

  let seed = 600;
  for (const c of ACCEPTED) {
    for (const path of ['tus', 'multipart'] as const) {
      test(`${c.name} over ${path}: published with nothing but pixels`, async () => {
        const before = await fetchFrameOnAir(relay.url);
        const res = await via[path](relay.url, await c.make(seed++));
        assert.ok(res.status < 300, `${res.status} ${await res.text()}`);
        await relay.idle();
        const frame = await fetchFrameOnAir(relay.url);
        assert.notEqual(frame.key, before.key, 'published');
        for (const v of frame.variants) {
          const meta = await sharp(v.data).metadata();
          assert.equal(meta.exif, undefined, `${v.url}: EXIF`);
          assert.equal(meta.xmp, undefined, `${v.url}: XMP`);
          assert.equal(meta.comments, undefined, `${v.url}: comments`);
          const text = v.data.toString('latin1');
          for (const secret of SECRETS) assert.ok(!text.includes(secret), `${v.url} carries ${secret}`);
        }
        assert.deepEqual(await readdir(join(relay.dataDir, 'uploads')), [], 'the raw upload is gone');
      });
    }
  }
});
