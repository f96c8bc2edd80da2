/**
 * Malformed legacy multipart uploads, beyond relay/test/bad-input.test.ts: missing, repeated and
 * misplaced fields, broken framing, part floods. Each is a 400/413 with a log line, or (for harmless
 * oddities) an ordinary publish; never a crash, never a file written from a client-chosen name.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import {
  fetchFrameOnAir,
  makeJpeg,
  spawnRelay,
  startTestRelay,
  type TestRelay,
  TOKEN,
  uploadWithTus,
} from '@porthole/testing';
import { rawHttp, requestText } from '../src/raw-http.ts';

const part = (disposition: string, body: Buffer | string, type = 'image/jpeg') =>
  Buffer.concat([
    Buffer.from(`--LMR\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${type}\r\n\r\n`),
    typeof body === 'string' ? Buffer.from(body) : body,
    Buffer.from('\r\n'),
  ]);
const close = Buffer.from('--LMR--\r\n');
const img = (jpeg: Buffer) => part('form-data; name="img"; filename="latest.jpg"', jpeg);

interface Case {
  name: string;
  body: (jpeg: Buffer) => Buffer;
  contentType?: string;
  status: number[];
}

const CASES: Case[] = [
  { name: 'no parts at all', body: () => close, status: [400] },
  {
    name: 'img sent as a text field (no filename)',
    body: (j) => Buffer.concat([part('form-data; name="img"', j), close]),
    status: [400],
  },
  {
    name: 'a part with no Content-Disposition',
    body: (j) =>
      Buffer.concat([
        Buffer.from('--LMR\r\nContent-Type: image/jpeg\r\n\r\n'),
        j,
        Buffer.from('\r\n'),
        close,
      ]),
    status: [400],
  },
  { name: 'img twice', body: (j) => Buffer.concat([img(j), img(j), close]), status: [400] },
  {
    name: 'img and then another file',
    body: (j) => Buffer.concat([img(j), part('form-data; name="x"; filename="x.jpg"', j), close]),
    status: [400],
  },
  { name: 'no closing boundary (body cut short)', body: (j) => img(j).subarray(0, 2000), status: [400] },
  {
    name: '5000 tiny fields before img',
    body: (j) =>
      Buffer.concat([
        ...Array.from({ length: 5000 }, (_, i) => part(`form-data; name="f${i}"`, 'x', 'text/plain')),
        img(j),
        close,
      ]),
    status: [400, 413],
  },
  {
    name: 'a boundary parameter missing',
    body: (j) => Buffer.concat([img(j), close]),
    contentType: 'multipart/form-data',
    status: [400],
  },
  {
    name: 'multipart/mixed instead of form-data',
    body: (j) => Buffer.concat([img(j), close]),
    contentType: 'multipart/mixed; boundary=LMR',
    status: [400, 415],
  },
];

describe('hostile multipart uploads', () => {
  let relay: TestRelay;
  let jpeg: Buffer;
  before(async () => {
    relay = await startTestRelay({ logLevel: 'info', maxUpload: '512kB', authFailRate: '1000/m' });
    jpeg = await makeJpeg(61, { width: 320, height: 240 });
    await uploadWithTus(relay.url, await makeJpeg(60, { width: 320, height: 240 }));
    await relay.idle();
  });
  after(() => relay.dispose());

  for (const c of CASES) {
    test(`${c.name}: ${c.status.join(' or ')}, logged, frame unchanged`, async () => {
      const onAir = (await fetchFrameOnAir(relay.url)).key;
      const mark = relay.logs.mark();
      const body = c.body(jpeg);
      const answer = await rawHttp(
        relay.url,
        requestText(
          'POST /upload HTTP/1.1',
          [
            ['Host', '127.0.0.1'],
            ['Connection', 'close'],
            ['Authorization', `Bearer ${TOKEN}`],
            ['Content-Type', c.contentType ?? 'multipart/form-data; boundary=LMR'],
            ['Content-Length', body.length],
          ],
          body,
        ),
      );
      assert.ok(c.status.includes(answer.status), `${answer.status} ${answer.body}`);
      assert.match(answer.body, /\S/);
      assert.ok(
        relay.logs.since(mark).some((e) => e.level === 40),
        'a warning in the log',
      );
      await relay.idle();
      assert.equal((await fetchFrameOnAir(relay.url)).key, onAir);
    });
  }

  test('a hostile filename is never used: ../ and 12 kB long is published as usual, with NUL refused', async () => {
    const upload = (name: string, seed: number) =>
      makeJpeg(seed, { width: 320, height: 240 }).then((j) =>
        fetch(new URL('upload', relay.url), {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'multipart/form-data; boundary=LMR' },
          body: Buffer.concat([part(`form-data; name="img"; filename="${name}"`, j), close]),
        }),
      );
    const before = (await fetchFrameOnAir(relay.url)).key;
    assert.equal((await upload(`../../../../tmp/evil-${'x'.repeat(12_000)}.jpg`, 62)).status, 200);
    await relay.idle();
    const after = (await fetchFrameOnAir(relay.url)).key;
    assert.notEqual(after, before);
    const mark = relay.logs.mark();
    assert.equal((await upload('../../tmp/evil\u0000.jpg', 63)).status, 400);
    assert.ok(relay.logs.since(mark).some((e) => e.level === 40));
    await relay.idle();
    assert.equal((await fetchFrameOnAir(relay.url)).key, after);
    const everything = await readdir(relay.dataDir, { recursive: true });
    assert.ok(!everything.some((f) => f.includes('evil')), everything.join());
    assert.ok(!(await readdir('/tmp')).some((f) => f.startsWith('evil')));
  });
});

test('a multipart body that ends inside the file part is a 400, and the relay process lives on', async () => {
  const relay = await spawnRelay();
  try {
    const body = img(await makeJpeg(64, { width: 320, height: 240 })).subarray(0, 3000);
    const answer = await rawHttp(
      relay.url,
      requestText(
        'POST /upload HTTP/1.1',
        [
          ['Host', '127.0.0.1'],
          ['Authorization', `Bearer ${TOKEN}`],
          ['Content-Type', 'multipart/form-data; boundary=LMR'],
          ['Content-Length', body.length],
        ],
        body,
      ),
    );
    assert.equal(answer.status, 400, answer.head);
    // Answered after the bad body was dealt with: the process lived through it.
    assert.equal((await fetch(new URL('healthz', relay.url))).status, 200);
    assert.equal(relay.child.exitCode, null, 'the relay process is still running');
  } finally {
    await relay.kill();
  }
});
