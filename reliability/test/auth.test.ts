/**
 * Every write endpoint, every way of getting the token wrong (beyond relay/test/bad-input.test.ts):
 * 401, nothing written, nothing changed; and the token (or anything close to it) never reaches the
 * logs, even at trace level, nor the metrics.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  createTusUpload,
  fetchFrameOnAir,
  legacyBody,
  makeJpeg,
  startTestRelay,
  type TestRelay,
  TOKEN,
  uploadWithTus,
} from '@porthole/testing';
import { rawHttp, requestText } from '../src/raw-http.ts';
import { readCounters } from '../src/relay-counters.ts';

const lastByte = `${TOKEN.slice(0, -1)}${TOKEN.endsWith('f') ? 'e' : 'f'}`;
const firstByte = `${TOKEN.startsWith('x') ? 'y' : 'x'}${TOKEN.slice(1)}`;
const NEAR_MISSES = [lastByte, firstByte, TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase()];

/** Authorization header lines (a list, so a header can be sent twice), as an attacker would try them. */
const WRONG: [string, string[]][] = [
  ['no Authorization header', []],
  ['an empty Bearer', ['Bearer ']],
  ['a wrong token', ['Bearer not-the-token-at-all-000']],
  ['the token with its last byte changed', [`Bearer ${lastByte}`]],
  ['the token with its first byte changed', [`Bearer ${firstByte}`]],
  ['the token one byte short', [`Bearer ${TOKEN.slice(0, -1)}`]],
  ['the token with one byte more', [`Bearer ${TOKEN}x`]],
  ['the token upper-cased', [`Bearer ${TOKEN.toUpperCase()}`]],
  ['the token as Basic credentials', [`Basic ${Buffer.from(`porthole:${TOKEN}`).toString('base64')}`]],
  ['the token without a scheme', [TOKEN]],
  ['two tokens, the right one second', [`Bearer wrong-one ${TOKEN}`]],
  ['the header twice, the right one second', ['Bearer wrong-one-0000000000', `Bearer ${TOKEN}`]],
];

describe('authentication on every write endpoint', () => {
  let relay: TestRelay;
  let jpeg: Buffer;
  let upload: string;
  before(async () => {
    relay = await startTestRelay({ logLevel: 'trace', authFailRate: '10000/m' });
    jpeg = await makeJpeg(71, { width: 320, height: 240 });
    await uploadWithTus(relay.url, await makeJpeg(70, { width: 320, height: 240 }));
    await relay.idle();
    upload = (await createTusUpload(relay.url, jpeg.length)).url.pathname;
  });
  after(() => relay.dispose());

  const writes = (auth: [string, string][]) => {
    const base: [string, string | number][] = [['Host', '127.0.0.1'], ['Connection', 'close'], ...auth];
    const tus: [string, string][] = [['Tus-Resumable', '1.0.0']];
    const octets: [string, string][] = [['Content-Type', 'application/offset+octet-stream']];
    const body = legacyBody(jpeg);
    return [
      requestText(
        'POST /files/ HTTP/1.1',
        [...base, ...tus, ...octets, ['Upload-Length', jpeg.length], ['Content-Length', jpeg.length]],
        jpeg,
      ),
      requestText(`HEAD ${upload} HTTP/1.1`, [...base, ...tus]),
      requestText(
        `PATCH ${upload} HTTP/1.1`,
        [...base, ...tus, ...octets, ['Upload-Offset', 0], ['Content-Length', jpeg.length]],
        jpeg,
      ),
      requestText(`DELETE ${upload} HTTP/1.1`, [...base, ...tus]),
      requestText(
        'POST /upload HTTP/1.1',
        [...base, ['Content-Type', 'multipart/form-data; boundary=LMR'], ['Content-Length', body.length]],
        body,
      ),
      requestText(
        'POST /control HTTP/1.1',
        [...base, ['Content-Type', 'application/json'], ['Content-Length', 15]],
        '{"paused":true}',
      ),
      // tus's method override must not turn an unauthenticated OPTIONS into a write.
      requestText(
        `OPTIONS ${upload} HTTP/1.1`,
        [
          ...base,
          ...tus,
          ...octets,
          ['X-HTTP-Method-Override', 'PATCH'],
          ['Upload-Offset', 0],
          ['Content-Length', jpeg.length],
        ],
        jpeg,
      ),
      requestText(
        'OPTIONS /files/ HTTP/1.1',
        [
          ...base,
          ...tus,
          ...octets,
          ['X-HTTP-Method-Override', 'POST'],
          ['Upload-Length', jpeg.length],
          ['Content-Length', jpeg.length],
        ],
        jpeg,
      ),
    ];
  };

  for (const [name, lines] of WRONG) {
    test(`${name}: 401 everywhere, nothing written`, async () => {
      const onAir = (await fetchFrameOnAir(relay.url)).key;
      const state = await readFile(join(relay.dataDir, 'state.json'), 'utf8');
      const uploads = (await readdir(join(relay.dataDir, 'uploads'))).sort();
      const counters = await readCounters(relay.url);
      for (const request of writes(lines.map((value) => ['Authorization', value]))) {
        const answer = await rawHttp(relay.url, request);
        const line = request.toString('latin1').split('\r\n')[0]!;
        if (line.startsWith('OPTIONS'))
          assert.equal(answer.status, 204, `${line}: only the preflight answer`);
        else assert.equal(answer.status, 401, `${line}: ${answer.head.split('\r\n')[0]}`);
      }
      await relay.idle();
      assert.equal((await fetchFrameOnAir(relay.url)).key, onAir, 'frame unchanged');
      assert.equal(
        await readFile(join(relay.dataDir, 'state.json'), 'utf8'),
        state,
        'state unchanged (not paused)',
      );
      assert.deepEqual(
        (await readdir(join(relay.dataDir, 'uploads'))).sort(),
        uploads,
        'no upload created or touched',
      );
      const head = await fetch(new URL(upload, relay.url), {
        method: 'HEAD',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Tus-Resumable': '1.0.0' },
      });
      assert.equal(head.headers.get('upload-offset'), '0', 'the open upload got no bytes');
      const after = await readCounters(relay.url);
      assert.deepEqual(after.uploads, counters.uploads);
      assert.equal(after.published, counters.published);
    });
  }

  test('the token and its near misses never appear in the logs (trace level) or the metrics', async () => {
    // Make the relay log all it can about authenticated traffic too.
    await uploadWithTus(relay.url, jpeg);
    await fetch(new URL('control', relay.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: '{"paused":false}',
    });
    await relay.idle();
    const logs = relay.logs.text();
    const metrics = await (await fetch(new URL('metrics', relay.url))).text();
    assert.ok(
      relay.logs.entries().some((e) => e.status === 401),
      'the refusals were logged',
    );
    for (const secret of [TOKEN, ...NEAR_MISSES]) {
      assert.ok(!logs.includes(secret), `the logs contain ${secret.slice(0, 6)}…`);
      assert.ok(!metrics.includes(secret), `the metrics contain ${secret.slice(0, 6)}…`);
    }
    // Even half the token would shrink a guesser's work by half its length.
    assert.ok(!logs.includes(TOKEN.slice(0, TOKEN.length / 2)));
  });
});
