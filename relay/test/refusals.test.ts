/**
 * A camera writes its whole request before it reads a byte of the answer (the ESP32 sketch does, 1 kB at a
 * time). When the relay refuses early (wrong token, too large), it must still be there to be read: closing
 * while the body is arriving makes the kernel reset the connection, and the reset destroys the answer.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { legacyBody, startTestRelay, type TestRelay, TOKEN } from '@porthole/testing';

const TRIES = 20;
const CHUNK = 1024;
const WRONG = 'Bearer wrong-token-0123456789abcdef';

/**
 * Send `head` and then `body` in 1 kB writes, each after the previous one left, reading
 * nothing until the last write is out; then read the status line. Returns the status, or 0 when a write
 * failed (EPIPE, ECONNRESET) or the answer was lost.
 */
function sendLikeTheSketch(base: string, head: string, body: Buffer): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    // Like a camera's TCP stack, it keeps sending after the relay closes its side.
    const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true });
    let failed = false;
    let settled = false;
    const done = (status: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    const timer = setTimeout(() => done(0), 15_000);
    socket.on('error', () => {
      failed = true;
    });
    socket.on('close', () => done(0));
    socket.once('connect', async () => {
      const write = (bytes: Buffer | string) =>
        new Promise<void>((written) =>
          socket.write(bytes, (error) => {
            if (error) failed = true;
            written();
          }),
        );
      await write(head);
      for (let at = 0; at < body.length && !failed; at += CHUNK) {
        await write(body.subarray(at, at + CHUNK));
        // The sketch's radio is slower than loopback: let the relay run between chunks, so its answer can
        // come while the body is still arriving, as it does over Wi-Fi.
        await new Promise((next) => setImmediate(next));
      }
      if (failed) return done(0);
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        const line = /^HTTP\/1\.1 (\d{3}) /.exec(text);
        if (line) done(Number(line[1]));
      });
    });
  });
}

describe('an early refusal is read by a client that sends its whole body first', () => {
  let relay: TestRelay;
  before(async () => {
    relay = await startTestRelay({ maxUpload: '200kB', authFailRate: '10000/m' });
  });
  after(() => relay.dispose());

  const host = () => `Host: ${new URL(relay.url).host}\r\n`;

  async function readCount(status: number, request: () => Promise<[string, Buffer]>): Promise<number> {
    let read = 0;
    for (let i = 0; i < TRIES; i++) {
      const [head, body] = await request();
      if ((await sendLikeTheSketch(relay.url, head, body)) === status) read++;
    }
    return read;
  }

  const legacy = (authorization: string, body: Buffer) =>
    `POST /upload HTTP/1.1\r\n${host()}Authorization: ${authorization}\r\n` +
    `Content-Type: multipart/form-data; boundary=LMR\r\nContent-Length: ${body.length}\r\n\r\n`;

  const tusHead = (line: string, authorization: string, headers: string, length: number) =>
    `${line} HTTP/1.1\r\n${host()}Authorization: ${authorization}\r\nTus-Resumable: 1.0.0\r\n${headers}` +
    `Content-Type: application/offset+octet-stream\r\nContent-Length: ${length}\r\n\r\n`;

  async function deferredUpload(): Promise<string> {
    const res = await fetch(new URL('files/', relay.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Tus-Resumable': '1.0.0', 'Upload-Defer-Length': '1' },
    });
    assert.equal(res.status, 201);
    return new URL(res.headers.get('location')!, relay.url).pathname;
  }

  const cases: [string, number, () => Promise<[string, Buffer]>][] = [
    [
      'legacy POST /upload, wrong token, 80 kB',
      401,
      async () => {
        const body = legacyBody(Buffer.alloc(80 * 1024, 7));
        return [legacy(WRONG, body), body];
      },
    ],
    [
      'legacy POST /upload, 400 kB over a 200 kB --max-upload',
      413,
      async () => {
        const body = legacyBody(Buffer.alloc(400 * 1024, 7));
        return [legacy(`Bearer ${TOKEN}`, body), body];
      },
    ],
    [
      'tus POST creation-with-upload, wrong token, 80 kB',
      401,
      async () => {
        const body = Buffer.alloc(80 * 1024, 7);
        return [tusHead('POST /files/', WRONG, `Upload-Length: ${body.length}\r\n`, body.length), body];
      },
    ],
    [
      'tus POST creation-with-upload, 400 kB over a 200 kB --max-upload',
      413,
      async () => {
        const body = Buffer.alloc(400 * 1024, 7);
        return [
          tusHead('POST /files/', `Bearer ${TOKEN}`, `Upload-Length: ${body.length}\r\n`, body.length),
          body,
        ];
      },
    ],
    [
      'tus PATCH of 400 kB (deferred length) over a 200 kB --max-upload',
      413,
      async () => {
        const body = Buffer.alloc(400 * 1024, 7);
        const path = await deferredUpload();
        return [tusHead(`PATCH ${path}`, `Bearer ${TOKEN}`, 'Upload-Offset: 0\r\n', body.length), body];
      },
    ],
  ];

  /**
   * Send a wrong-token upload declaring `declared` bytes, writing `chunk` every `everyMs` until the relay
   * closes; returns the bytes written and the ms from the status line to the close.
   */
  function keepSending(declared: number, chunk: number, everyMs: number) {
    const { hostname, port } = new URL(relay.url);
    return new Promise<{ written: number; lingeredMs: number; status: number }>((resolve) => {
      // Like a camera's TCP stack, it keeps sending after the relay closes its side.
      const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true });
      let written = 0;
      let status = 0;
      let answeredAt = 0;
      socket.on('data', (data: Buffer) => {
        status ||= Number(/^HTTP\/1\.1 (\d{3}) /.exec(data.toString('latin1'))?.[1] ?? 0);
        answeredAt ||= performance.now();
      });
      socket.on('error', () => {});
      socket.on('close', () => resolve({ written, status, lingeredMs: performance.now() - answeredAt }));
      socket.once('connect', async () => {
        socket.write(legacy(WRONG, Buffer.alloc(declared)));
        const bytes = Buffer.alloc(chunk, 7);
        while (!socket.destroyed && written < declared) {
          await new Promise<void>((next) => socket.write(bytes, () => next()));
          written += chunk;
          await new Promise((next) => setTimeout(next, everyMs));
        }
      });
    });
  }

  test('a client that keeps sending after a refusal is cut off after a few MB', async () => {
    const { written, status } = await keepSending(256 * 1024 * 1024, 64 * 1024, 0);
    assert.equal(status, 401);
    assert.ok(written < 24 * 1024 * 1024, `${written} bytes written before the relay closed`);
  });

  test('a client that trickles after a refusal is cut off after about 5 s', async () => {
    const { lingeredMs, status } = await keepSending(10 * 1024 * 1024, 1024, 100);
    assert.equal(status, 401);
    assert.ok(
      lingeredMs > 4_500 && lingeredMs < 7_500,
      `closed ${Math.round(lingeredMs)} ms after the answer`,
    );
  });

  for (const [name, status, request] of cases) {
    test(`${name}: ${status} read ${TRIES} times out of ${TRIES}`, async (t) => {
      const read = await readCount(status, request);
      t.diagnostic(`${name}: ${status} read in ${read}/${TRIES}`);
      assert.equal(read, TRIES);
    });
  }
});
