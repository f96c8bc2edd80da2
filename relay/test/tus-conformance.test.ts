/**
 * tus 1.0.0, sentence by sentence: one test per MUST and SHOULD the Server has to keep in the core protocol
 * and in each extension the relay advertises (creation, creation-with-upload, creation-defer-length,
 * termination, expiration). Raw node:http requests, so every header sent and received is visible; a real
 * relay on a loopback port. Each test is named after the spec sentence it checks.
 * Spec: https://github.com/tus/tus-resumable-upload-protocol/blob/main/protocol.md
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { type IncomingHttpHeaders, request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eventually, makeJpeg, startTestRelay, type TestRelay, TOKEN } from '@porthole/testing';

const MAX_UPLOAD = 256 * 1024;
const OCTETS = 'application/offset+octet-stream';
/** RFC 7231 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT". */
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
/** Metadata as a client may send it: a UTF-8 value, a key without a value, and a value that is not UTF-8. */
const METADATA = 'filename d29ybGRfZG9taW5hdGlvbl9wbGFuLnBkZg==,is_confidential,blob //4AgA==';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Header values; `null` leaves a default header (token, Tus-Resumable) out. */
type Headers = Record<string, string | number | null>;

function send(base: string, method: string, path: string, headers: Headers, body?: Buffer | string) {
  const { hostname, port } = new URL(base);
  const sent: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== null) sent[name] = value;
  if (body !== undefined) sent['Content-Length'] = Buffer.byteLength(body);
  return new Promise<Answer>((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers: sent, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('tus 1.0.0 conformance', () => {
  let relay: TestRelay;
  let frame: Buffer;
  let seed = 100;

  /** A tus request with the token and `Tus-Resumable: 1.0.0` unless `headers` says otherwise. */
  const tus = (method: string, path: string, headers: Headers = {}, body?: Buffer | string) =>
    send(
      relay.url,
      method,
      path,
      { Authorization: `Bearer ${TOKEN}`, 'Tus-Resumable': '1.0.0', ...headers },
      body,
    );

  /** Create an upload and return its path. */
  async function create(headers: Headers = { 'Upload-Length': 1000 }): Promise<string> {
    const answer = await tus('POST', '/files/', headers);
    assert.equal(answer.status, 201, answer.body);
    return new URL(String(answer.headers.location), relay.url).pathname;
  }

  const patch = (path: string, offset: number | null, body: Buffer | string, headers: Headers = {}) =>
    tus('PATCH', path, { 'Upload-Offset': offset, 'Content-Type': OCTETS, ...headers }, body);

  const offsetOf = async (path: string) => (await tus('HEAD', path)).headers['upload-offset'];

  /** A fresh, valid frame (a new picture each time, so none is skipped as unchanged). */
  const freshFrame = () => makeJpeg(seed++, { width: 320, height: 240 });

  /** Upload a whole frame in one creation-with-upload request; returns the upload's path once complete. */
  async function completed(headers: Headers = {}): Promise<string> {
    const bytes = await freshFrame();
    const answer = await tus(
      'POST',
      '/files/',
      { 'Upload-Length': bytes.length, 'Content-Type': OCTETS, ...headers },
      bytes,
    );
    assert.equal(answer.status, 201, answer.body);
    assert.equal(answer.headers['upload-offset'], String(bytes.length));
    return new URL(String(answer.headers.location), relay.url).pathname;
  }

  const uploadFiles = async () => readdir(join(relay.dataDir, 'uploads'));
  /** Files in the upload folder that were not there `before` (completed uploads vanish on their own). */
  const added = async (before: string[]) => (await uploadFiles()).filter((f) => !before.includes(f));
  const idOf = (path: string) => path.split('/').pop() ?? '';

  before(async () => {
    relay = await startTestRelay({ maxUpload: MAX_UPLOAD });
    frame = await freshFrame();
  });
  after(() => relay.dispose());

  describe('core protocol: headers', () => {
    test('[MUST] Upload-Offset: the value MUST be a non-negative integer (a PATCH with any other value is refused with 400)', async () => {
      const path = await create();
      for (const offset of ['-1', '1.5', 'ten', '0x0', ' ']) {
        const answer = await tus('PATCH', path, { 'Upload-Offset': offset, 'Content-Type': OCTETS }, 'x');
        assert.equal(answer.status, 400, `Upload-Offset: ${JSON.stringify(offset)}`);
      }
      assert.equal(await offsetOf(path), '0');
    });

    test('[MUST] Upload-Length: the value MUST be a non-negative integer (a creation with any other value is refused with 400)', async () => {
      const before = await uploadFiles();
      for (const length of ['-1', '1.5', 'ten', '1e3']) {
        const answer = await tus('POST', '/files/', { 'Upload-Length': length });
        assert.equal(answer.status, 400, `Upload-Length: ${length}`);
      }
      assert.deepEqual(await added(before), []);
    });

    test('[MUST] Tus-Version: a comma-separated list of the versions the Server supports, most preferred first', async () => {
      const answer = await send(relay.url, 'OPTIONS', '/files/', {});
      const versions = String(answer.headers['tus-version']).split(',');
      assert.ok(
        versions.every((v) => /^\d+\.\d+\.\d+$/.test(v)),
        String(answer.headers['tus-version']),
      );
      assert.equal(versions[0], '1.0.0');
    });

    test('[MUST] Tus-Resumable MUST be included in every response except for OPTIONS requests', async () => {
      const path = await create();
      const answers: [string, Answer][] = [
        ['201 creation', await tus('POST', '/files/', { 'Upload-Length': 10 })],
        ['200 HEAD', await tus('HEAD', path)],
        ['204 PATCH', await patch(path, 0, 'abc')],
        ['409 PATCH', await patch(path, 0, 'abc')],
        ['415 PATCH', await patch(path, 3, 'abc', { 'Content-Type': 'text/plain' })],
        ['400 creation', await tus('POST', '/files/', {})],
        ['412 HEAD', await tus('HEAD', path, { 'Tus-Resumable': '0.9.9' })],
        ['413 creation', await tus('POST', '/files/', { 'Upload-Length': MAX_UPLOAD + 1 })],
        ['404 HEAD', await tus('HEAD', '/files/0123456789abcdef0123456789abcdef')],
        ['401 HEAD', await tus('HEAD', path, { Authorization: 'Bearer wrong-token-0123456789' })],
        ['204 DELETE', await tus('DELETE', path)],
        ['HEAD of a completed upload', await tus('HEAD', await completed())],
      ];
      for (const [what, answer] of answers) assert.equal(answer.headers['tus-resumable'], '1.0.0', what);
    });

    test('[MUST] Tus-Resumable: the value MUST be the version of the protocol used by the Server', async () => {
      const answer = await tus('POST', '/files/', { 'Upload-Length': 10 });
      assert.equal(answer.headers['tus-resumable'], '1.0.0');
    });

    test('[MUST] If the version specified by the Client is not supported, the Server MUST respond with 412 Precondition Failed', async () => {
      const path = await create();
      for (const method of ['POST', 'HEAD', 'PATCH', 'DELETE']) {
        const target = method === 'POST' ? '/files/' : path;
        const answer = await tus(
          method,
          target,
          { 'Tus-Resumable': '0.9.9', 'Upload-Length': 10, 'Upload-Offset': 0, 'Content-Type': OCTETS },
          method === 'PATCH' ? 'abc' : undefined,
        );
        assert.equal(answer.status, 412, method);
      }
    });

    test('[MUST] ... and MUST include the Tus-Version header into the 412 response', async () => {
      const path = await create();
      for (const [method, target] of [
        ['POST', '/files/'],
        ['HEAD', path],
        ['HEAD', await completed()],
      ] as const) {
        const answer = await tus(method, target, { 'Tus-Resumable': '0.9.9', 'Upload-Length': 10 });
        assert.equal(answer.status, 412, `${method} ${target}`);
        assert.equal(answer.headers['tus-version'], '1.0.0', `${method} ${target}`);
      }
      const missing = await tus('POST', '/files/', { 'Tus-Resumable': null, 'Upload-Length': 10 });
      assert.equal(missing.status, 412, 'no Tus-Resumable at all');
      assert.equal(missing.headers['tus-version'], '1.0.0', 'no Tus-Resumable at all');
    });

    test('[MUST] In addition, the Server MUST NOT process the request (unsupported Tus-Resumable)', async () => {
      const path = await create();
      const before = await uploadFiles();
      const old = { 'Tus-Resumable': '0.9.9' };
      await tus('POST', '/files/', { ...old, 'Upload-Length': frame.length, 'Content-Type': OCTETS }, frame);
      await tus('PATCH', path, { ...old, 'Upload-Offset': 0, 'Content-Type': OCTETS }, 'abc');
      await tus('DELETE', path, old);
      assert.deepEqual(await added(before), [], 'nothing created');
      assert.ok((await uploadFiles()).includes(idOf(path)), 'nothing deleted');
      assert.equal(await offsetOf(path), '0', 'nothing written');
      const done = await completed();
      assert.equal((await tus('DELETE', done, old)).status, 412);
      assert.equal((await tus('HEAD', done)).status, 200, 'a completed upload is not forgotten either');
    });

    test('[MUST] Tus-Resumable MUST be included in every request: one without it is refused with 412 and not processed', async () => {
      const before = await uploadFiles();
      const answer = await tus('POST', '/files/', { 'Tus-Resumable': null, 'Upload-Length': 10 });
      assert.equal(answer.status, 412);
      assert.deepEqual(await added(before), []);
    });

    test('[MUST] Tus-Extension: a comma-separated list of the extensions the Server supports', async () => {
      const answer = await send(relay.url, 'OPTIONS', '/files/', {});
      const extensions = String(answer.headers['tus-extension']).split(',');
      assert.ok(
        extensions.every((e) => /^[a-z-]+$/.test(e)),
        String(answer.headers['tus-extension']),
      );
      for (const e of ['creation', 'creation-with-upload', 'termination', 'expiration'])
        assert.ok(extensions.includes(e), e);
    });

    test('[MUST] Tus-Max-Size: a non-negative integer, the maximum size of an entire upload in bytes', async () => {
      const answer = await send(relay.url, 'OPTIONS', '/files/', {});
      assert.match(String(answer.headers['tus-max-size']), /^\d+$/);
    });

    test('[SHOULD] The Server SHOULD set Tus-Max-Size if there is a known hard limit (--max-upload)', async () => {
      const answer = await send(relay.url, 'OPTIONS', '/files/', {});
      assert.equal(answer.headers['tus-max-size'], String(MAX_UPLOAD));
    });

    test('[MUST] X-HTTP-Method-Override MUST be interpreted as the request’s method by the Server', async () => {
      const path = await create();
      const patched = await tus(
        'POST',
        path,
        { 'X-HTTP-Method-Override': 'PATCH', 'Upload-Offset': 0, 'Content-Type': OCTETS },
        'abc',
      );
      assert.equal(patched.status, 204, patched.body);
      assert.equal(patched.headers['upload-offset'], '3');
      const head = await tus('POST', path, { 'X-HTTP-Method-Override': 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers['upload-offset'], '3');
      const deleted = await tus('POST', path, { 'X-HTTP-Method-Override': 'DELETE' });
      assert.equal(deleted.status, 204);
      assert.equal((await tus('HEAD', path)).status, 404);
    });

    test('[MUST] ... the actual method of the request MUST be ignored (a POST overridden to OPTIONS creates nothing)', async () => {
      const path = await create();
      const before = await uploadFiles();
      const head = await tus('POST', '/files/', { 'X-HTTP-Method-Override': 'OPTIONS', 'Upload-Length': 10 });
      assert.equal(head.status, 204);
      assert.equal(head.headers['tus-version'], '1.0.0');
      const overridden = await tus('GET', path, { 'X-HTTP-Method-Override': 'HEAD' });
      assert.equal(overridden.status, 200);
      assert.equal(overridden.headers['upload-offset'], '0');
      assert.deepEqual(await added(before), []);
    });
  });

  describe('core protocol: HEAD', () => {
    test('[MUST] The Server MUST always include Upload-Offset in the response to HEAD, even if the offset is 0', async () => {
      const answer = await tus('HEAD', await create());
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['upload-offset'], '0');
    });

    test('[MUST] ... or the upload is already considered completed', async () => {
      const path = await completed();
      const answer = await tus('HEAD', path);
      assert.equal(answer.status, 200);
      assert.match(String(answer.headers['upload-offset']), /^\d+$/);
      assert.equal(answer.headers['upload-offset'], answer.headers['upload-length']);
    });

    test('[MUST] If the size of the upload is known, the Server MUST include Upload-Length in the HEAD response', async () => {
      assert.equal(
        (await tus('HEAD', await create({ 'Upload-Length': 1234 }))).headers['upload-length'],
        '1234',
      );
      const path = await completed();
      const answer = await tus('HEAD', path);
      assert.match(String(answer.headers['upload-length']), /^[1-9]\d*$/);
    });

    test('[SHOULD] If the resource is not found, the Server SHOULD return 404, 410 or 403 without Upload-Offset', async () => {
      const answer = await tus('HEAD', '/files/0123456789abcdef0123456789abcdef');
      assert.ok([403, 404, 410].includes(answer.status), String(answer.status));
      assert.equal(answer.headers['upload-offset'], undefined);
    });

    test('[MUST] The Server MUST prevent caching of the HEAD response with Cache-Control: no-store', async () => {
      assert.equal((await tus('HEAD', await create())).headers['cache-control'], 'no-store');
      assert.equal((await tus('HEAD', await completed())).headers['cache-control'], 'no-store');
    });
  });

  describe('core protocol: PATCH', () => {
    test('[SHOULD] The Server SHOULD accept PATCH requests against any upload URL and apply the bytes at Upload-Offset', async () => {
      const path = await create({ 'Upload-Length': 10 });
      assert.equal((await patch(path, 0, 'hello')).status, 204);
      assert.equal(await offsetOf(path), '5');
    });

    test('[SHOULD] All PATCH requests MUST use Content-Type: application/offset+octet-stream, otherwise the Server SHOULD return 415', async () => {
      const path = await create();
      for (const type of ['text/plain', 'application/octet-stream', null]) {
        const answer = await patch(path, 0, 'abc', { 'Content-Type': type });
        assert.equal(answer.status, 415, `Content-Type: ${type}`);
      }
      assert.equal(await offsetOf(path), '0', 'nothing applied');
    });

    test('[MUST] The Upload-Offset header’s value MUST be equal to the current offset: a PATCH without it is refused with 400', async () => {
      const path = await create();
      const answer = await patch(path, null, 'abc');
      assert.equal(answer.status, 400);
      assert.equal(await offsetOf(path), '0');
    });

    test('[MUST] If the offsets do not match, the Server MUST respond with 409 Conflict without modifying the upload', async () => {
      const path = await create();
      await patch(path, 0, 'abc');
      for (const offset of [0, 2, 4, 100]) {
        const answer = await patch(path, offset, 'xyz');
        assert.equal(answer.status, 409, `Upload-Offset: ${offset}`);
      }
      assert.equal(await offsetOf(path), '3');
      const done = await completed();
      const length = Number((await tus('HEAD', done)).headers['upload-length']);
      assert.equal((await patch(done, length - 1, 'x')).status, 409, 'a completed upload');
    });

    test('[MUST] The Server MUST acknowledge successful PATCH requests with 204 No Content', async () => {
      const path = await create();
      assert.equal((await patch(path, 0, 'abc')).status, 204);
    });

    test('[MUST] It MUST include the Upload-Offset header containing the new offset', async () => {
      const path = await create();
      assert.equal((await patch(path, 0, 'abcd')).headers['upload-offset'], '4');
    });

    test('[MUST] The new offset MUST be the sum of the offset before the PATCH and the bytes received', async () => {
      const path = await create({ 'Upload-Length': frame.length });
      const first = await patch(path, 0, frame.subarray(0, 1000));
      assert.equal(first.headers['upload-offset'], '1000');
      const second = await patch(path, 1000, frame.subarray(1000, 3500));
      assert.equal(second.headers['upload-offset'], '3500');
      const last = await patch(path, 3500, frame.subarray(3500));
      assert.equal(last.status, 204, last.body);
      assert.equal(last.headers['upload-offset'], String(frame.length));
      frame = await freshFrame();
    });

    test('[SHOULD] If the Server receives a PATCH against a non-existent resource it SHOULD return 404', async () => {
      const answer = await patch('/files/0123456789abcdef0123456789abcdef', 0, 'abc');
      assert.equal(answer.status, 404);
    });

    test('[SHOULD] The Server SHOULD always attempt to store as much of the received data as possible', async () => {
      const path = await create({ 'Upload-Length': 20_000 });
      const { hostname, port } = new URL(relay.url);
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), hostname, () => {
          socket.write(
            `PATCH ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
              `Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: ${OCTETS}\r\n` +
              'Content-Length: 20000\r\n\r\n',
          );
          socket.write(Buffer.alloc(8_000, 7), () => setTimeout(() => socket.destroy(), 100));
        });
        socket.on('close', () => resolve());
        socket.on('error', () => {});
      });
      await eventually(async () => (await offsetOf(path)) === '8000');
    });
  });

  describe('core protocol: OPTIONS', () => {
    test('[MUST] A successful OPTIONS response (204 or 200) MUST contain the Tus-Version header', async () => {
      for (const path of ['/files/', '/files', '/files/0123456789abcdef0123456789abcdef']) {
        const answer = await send(relay.url, 'OPTIONS', path, {});
        assert.ok([200, 204].includes(answer.status), `${path}: ${answer.status}`);
        assert.equal(answer.headers['tus-version'], '1.0.0', path);
      }
    });

    test('[MUST] The Server MUST ignore the Tus-Resumable header in an OPTIONS request', async () => {
      for (const version of ['0.9.9', 'nonsense', '1.0.0']) {
        const answer = await send(relay.url, 'OPTIONS', '/files/', { 'Tus-Resumable': version });
        assert.equal(answer.status, 204, version);
        assert.equal(answer.headers['tus-version'], '1.0.0', version);
      }
    });

    test('[SHOULD] Feature detection: the Server responds to OPTIONS with Tus-Extension, without a token', async () => {
      const answer = await send(relay.url, 'OPTIONS', '/files/', {});
      assert.equal(answer.status, 204);
      assert.ok(answer.headers['tus-extension']);
    });
  });

  describe('creation', () => {
    test('[MUST] If the Server supports creation, it MUST add `creation` to Tus-Extension', async () => {
      const answer = await send(relay.url, 'OPTIONS', '/files/', {});
      assert.ok(String(answer.headers['tus-extension']).split(',').includes('creation'));
    });

    test('[MUST] The creation request MUST include Upload-Length or Upload-Defer-Length: 1 (neither, or both, is 400)', async () => {
      const before = await uploadFiles();
      assert.equal((await tus('POST', '/files/', {})).status, 400, 'neither');
      const both = await tus('POST', '/files/', { 'Upload-Length': 10, 'Upload-Defer-Length': 1 });
      assert.equal(both.status, 400, 'both');
      assert.deepEqual(await added(before), []);
    });

    test('[SHOULD] If Upload-Defer-Length contains any other value than 1 the Server should return 400', async () => {
      for (const value of ['0', '2', 'true']) {
        const answer = await tus('POST', '/files/', { 'Upload-Defer-Length': value });
        assert.equal(answer.status, 400, value);
      }
    });

    test('[MUST] If the length of an upload is not deferred, Upload-Defer-Length MUST be omitted (HEAD)', async () => {
      assert.equal((await tus('HEAD', await create())).headers['upload-defer-length'], undefined);
      assert.equal((await tus('HEAD', await completed())).headers['upload-defer-length'], undefined);
    });

    test('[MUST] Upload-Metadata MUST consist of comma-separated key-value pairs, the value Base64 (malformed is 400)', async () => {
      const before = await uploadFiles();
      for (const metadata of ['filename !!!', 'a Zm9v,a YmFy', ',a Zm9v', 'a b c', 'a Zm9']) {
        const answer = await tus('POST', '/files/', { 'Upload-Length': 10, 'Upload-Metadata': metadata });
        assert.equal(answer.status, 400, metadata);
      }
      assert.deepEqual(await added(before), []);
    });

    test('[SHOULD] Servers SHOULD validate metadata values before using them as header values (no header smuggling)', async () => {
      const smuggled = Buffer.from('x\r\nSet-Cookie: evil=1').toString('base64');
      const path = await create({ 'Upload-Length': 10, 'Upload-Metadata': `filename ${smuggled}` });
      const answer = await tus('HEAD', path);
      assert.equal(answer.headers['set-cookie'], undefined);
      assert.equal(answer.headers['upload-metadata'], `filename ${smuggled}`);
    });

    test('[MUST] If an upload contains metadata, HEAD responses MUST include Upload-Metadata as specified by the Client', async () => {
      const path = await create({ 'Upload-Length': 1000, 'Upload-Metadata': METADATA });
      assert.equal((await tus('HEAD', path)).headers['upload-metadata'], METADATA);
    });

    test('[MUST] ... also once the upload has completed', async () => {
      const path = await completed({ 'Upload-Metadata': METADATA });
      const answer = await tus('HEAD', path);
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['upload-metadata'], METADATA);
    });

    test('[MUST] If the length of the upload exceeds Tus-Max-Size, the Server MUST respond with 413', async () => {
      const before = await uploadFiles();
      assert.equal((await tus('POST', '/files/', { 'Upload-Length': MAX_UPLOAD + 1 })).status, 413);
      const big = Buffer.alloc(MAX_UPLOAD + 1024, 1);
      const withBody = await tus(
        'POST',
        '/files/',
        { 'Upload-Length': big.length, 'Content-Type': OCTETS },
        big,
      );
      assert.equal(withBody.status, 413, 'creation-with-upload');
      assert.deepEqual(await added(before), []);
      const deferred = await create({ 'Upload-Defer-Length': 1 });
      const declared = await patch(deferred, 0, 'abc', { 'Upload-Length': MAX_UPLOAD + 1 });
      assert.equal(declared.status, 413, 'a deferred length declared too large');
    });

    test('[MUST] The Server MUST acknowledge a successful upload creation with 201 Created', async () => {
      assert.equal((await tus('POST', '/files/', { 'Upload-Length': 10 })).status, 201);
      assert.equal((await tus('POST', '/files', { 'Upload-Length': 10 })).status, 201, 'without the slash');
    });

    test('[MUST] The Server MUST set the Location header to the URL of the created resource', async () => {
      const answer = await tus('POST', '/files/', { 'Upload-Length': 10 });
      const location = new URL(String(answer.headers.location), relay.url);
      assert.match(location.pathname, /^\/files\/[^/]+$/);
      assert.equal((await tus('HEAD', location.pathname)).status, 200);
    });
  });

  describe('creation-defer-length', () => {
    test('[MUST] If the Server supports deferring length, it MUST add `creation-defer-length` to Tus-Extension', async () => {
      const created = await tus('POST', '/files/', { 'Upload-Defer-Length': 1 });
      const options = await send(relay.url, 'OPTIONS', '/files/', {});
      const advertised = String(options.headers['tus-extension'])
        .split(',')
        .includes('creation-defer-length');
      assert.equal(advertised, created.status === 201, `deferred creation answered ${created.status}`);
    });

    test('[MUST] As long as the length is not known, the Server MUST set Upload-Defer-Length: 1 in all HEAD responses', async () => {
      const path = await create({ 'Upload-Defer-Length': 1 });
      assert.equal((await tus('HEAD', path)).headers['upload-defer-length'], '1');
      await patch(path, 0, 'abc');
      const answer = await tus('HEAD', path);
      assert.equal(answer.headers['upload-defer-length'], '1');
      assert.equal(answer.headers['upload-length'], undefined);
    });

    test('[MUST] Once known, the Client MUST set Upload-Length in the next PATCH; once set it MUST NOT be changed', async () => {
      const path = await create({ 'Upload-Defer-Length': 1 });
      assert.equal((await patch(path, 0, 'abc', { 'Upload-Length': 1000 })).status, 204);
      const head = await tus('HEAD', path);
      assert.equal(head.headers['upload-length'], '1000');
      assert.equal(head.headers['upload-defer-length'], undefined);
      assert.equal((await patch(path, 3, 'def', { 'Upload-Length': 2000 })).status, 400, 'changed');
      assert.equal(await offsetOf(path), '3');
    });
  });

  describe('creation-with-upload', () => {
    test('[MUST] The Server MUST advertise `creation-with-upload` in Tus-Extension, and only with `creation`', async () => {
      const answer = await send(relay.url, 'OPTIONS', '/files/', {});
      const extensions = String(answer.headers['tus-extension']).split(',');
      assert.ok(extensions.includes('creation-with-upload'));
      assert.ok(extensions.includes('creation'));
    });

    test('[MUST] The Server MUST include Upload-Offset in the response, set to the offset after the accepted bytes', async () => {
      const answer = await tus('POST', '/files/', { 'Upload-Length': 100, 'Content-Type': OCTETS }, 'hello');
      assert.equal(answer.status, 201);
      assert.equal(answer.headers['upload-offset'], '5');
      const path = new URL(String(answer.headers.location), relay.url).pathname;
      assert.equal(await offsetOf(path), '5');
    });

    test('[SHOULD] The Server SHOULD accept as many bytes as possible (a whole frame in the creation request)', async () => {
      const bytes = await freshFrame();
      const answer = await tus(
        'POST',
        '/files/',
        { 'Upload-Length': bytes.length, 'Content-Type': OCTETS },
        bytes,
      );
      assert.equal(answer.status, 201, answer.body);
      assert.equal(answer.headers['upload-offset'], String(bytes.length));
    });
  });

  describe('expiration', () => {
    test('[MUST] The Server MUST add `expiration` to Tus-Extension', async () => {
      const answer = await send(relay.url, 'OPTIONS', '/files/', {});
      assert.ok(String(answer.headers['tus-extension']).split(',').includes('expiration'));
    });

    test('[MUST] Upload-Expires MUST be included in every PATCH response if the upload is going to expire', async () => {
      const path = await create({ 'Upload-Length': 100 });
      const answer = await patch(path, 0, 'abc');
      assert.equal(answer.status, 204);
      assert.ok(answer.headers['upload-expires'], 'Upload-Expires');
      const overridden = await tus(
        'POST',
        path,
        { 'X-HTTP-Method-Override': 'PATCH', 'Upload-Offset': 3, 'Content-Type': OCTETS },
        'def',
      );
      assert.ok(overridden.headers['upload-expires'], 'Upload-Expires after an overridden PATCH');
    });

    test('[MUST] If the expiration is known at creation, Upload-Expires MUST be in the response to the POST', async () => {
      assert.ok((await tus('POST', '/files/', { 'Upload-Length': 100 })).headers['upload-expires']);
      const partial = await tus('POST', '/files/', { 'Upload-Length': 100, 'Content-Type': OCTETS }, 'hello');
      assert.ok(partial.headers['upload-expires'], 'creation-with-upload');
    });

    test('[MUST] The value of Upload-Expires MUST be in RFC 7231 datetime format', async () => {
      const created = await tus('POST', '/files/', { 'Upload-Length': 100 });
      const value = String(created.headers['upload-expires']);
      assert.match(value, IMF_FIXDATE);
      assert.ok(Date.parse(value) > Date.now(), 'in the future');
      const path = new URL(String(created.headers.location), relay.url).pathname;
      assert.match(String((await patch(path, 0, 'abc')).headers['upload-expires']), IMF_FIXDATE);
    });

    test('[SHOULD] A resumed upload the Server has since removed (expired) SHOULD get 404 Not Found or 410 Gone', async () => {
      const short = await startTestRelay({ uploadExpiry: '1s' });
      try {
        const auth = { Authorization: `Bearer ${TOKEN}`, 'Tus-Resumable': '1.0.0' };
        const created = await send(short.url, 'POST', '/files/', { ...auth, 'Upload-Length': 100 });
        const path = new URL(String(created.headers.location), short.url).pathname;
        assert.equal((await send(short.url, 'HEAD', path, auth)).status, 200);
        const gone = await eventually(async () => {
          const head = await send(short.url, 'HEAD', path, auth);
          return [404, 410].includes(head.status) && head;
        }, 5_000);
        assert.equal(gone.headers['upload-offset'], undefined);
        const resumed = await send(
          short.url,
          'PATCH',
          path,
          { ...auth, 'Upload-Offset': 0, 'Content-Type': OCTETS },
          'abc',
        );
        assert.ok([404, 410].includes(resumed.status), String(resumed.status));
      } finally {
        await short.dispose();
      }
    });
  });

  describe('termination', () => {
    test('[MUST] If the Server supports termination, it MUST add `termination` to Tus-Extension', async () => {
      const answer = await send(relay.url, 'OPTIONS', '/files/', {});
      assert.ok(String(answer.headers['tus-extension']).split(',').includes('termination'));
    });

    test('[MUST] For a DELETE of an existing upload the Server MUST respond with 204 No Content', async () => {
      const unfinished = await create();
      await patch(unfinished, 0, 'abc');
      assert.equal((await tus('DELETE', unfinished)).status, 204, 'unfinished');
      assert.equal((await tus('DELETE', await completed())).status, 204, 'completed');
    });

    test('[SHOULD] When receiving a DELETE the Server SHOULD free associated resources', async () => {
      const path = await create();
      await patch(path, 0, 'abc');
      const files = async () => (await uploadFiles()).filter((f) => f.startsWith(idOf(path)));
      assert.deepEqual((await files()).sort(), [idOf(path), `${idOf(path)}.json`]);
      await tus('DELETE', path);
      assert.deepEqual(await files(), []);
    });

    test('[SHOULD] For all future requests to a terminated URL the Server SHOULD respond with 404 or 410', async () => {
      for (const path of [await create(), await completed()]) {
        assert.equal((await tus('DELETE', path)).status, 204);
        const head = await tus('HEAD', path);
        assert.ok([404, 410].includes(head.status), `HEAD ${head.status}`);
        assert.equal(head.headers['upload-offset'], undefined, 'HEAD without Upload-Offset');
        const resumed = await patch(path, 0, 'abc');
        assert.ok([404, 410].includes(resumed.status), `PATCH ${resumed.status}`);
        const again = await tus('DELETE', path);
        assert.ok([404, 410].includes(again.status), `DELETE ${again.status}`);
      }
    });
  });
});
