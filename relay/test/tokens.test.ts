/**
 * Named, scoped tokens on a real relay: each route asks for its scope, a token is revoked by deleting its line
 * (no restart), SIGHUP reloads, uploads in flight survive a reload, a broken file keeps the tokens in use, and
 * no token value ever reaches a log line.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import {
  eventually,
  exitWithin,
  getPointer,
  legacyBody,
  makeJpeg,
  makeLoopDir,
  spawnRelay,
  startTestRelay,
  type TestRelay,
  TOKEN,
} from '@porthole/testing';

const DESK = 'desk-cam-token-0123456789abcdef';
const DESK_2 = 'desk-cam-2-token-0123456789abcd';
const OWNER = 'owner-token-0123456789abcdef012';
const BOTH = 'both-token-0123456789abcdef0123';
const SECRETS = [DESK, DESK_2, OWNER, BOTH, TOKEN];
const TUS = { 'Tus-Resumable': '1.0.0' };
/** Long enough for the relay to have noticed a change it was going to notice (it settles for 150 ms). */
const NOTICE_MS = 600;

const bearer = (token?: string): Record<string, string> =>
  token ? { Authorization: `Bearer ${token}` } : {};

/** Every log line of every in-process relay in this file, to check that no token reaches one. */
const logLines: string[] = [];
const logDestination = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

async function tokenDir(lines: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-tokens-'));
  const file = join(dir, 'tokens');
  await writeFile(file, lines);
  return { dir, file };
}

/** Save the way editors do: a new file renamed over the old one. */
async function saveByRename(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

function control(base: string, token?: string, paused = false): Promise<Response> {
  return fetch(new URL('control', base), {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ paused }),
  });
}

function tusCreate(base: string, length: number, token?: string, body?: Buffer): Promise<Response> {
  return fetch(new URL('files/', base), {
    method: 'POST',
    headers: {
      ...TUS,
      ...bearer(token),
      'Upload-Length': String(length),
      ...(body ? { 'Content-Type': 'application/offset+octet-stream' } : {}),
    },
    body,
  });
}

function tusPatch(url: URL, offset: number, bytes: Buffer, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'PATCH',
    headers: {
      ...TUS,
      ...bearer(token),
      'Upload-Offset': String(offset),
      'Content-Type': 'application/offset+octet-stream',
    },
    body: bytes,
  });
}

function legacyUpload(base: string, jpeg: Buffer, token?: string): Promise<Response> {
  return fetch(new URL('upload', base), {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'multipart/form-data; boundary=LMR' },
    body: legacyBody(jpeg),
  });
}

/** A PATCH whose body arrives in two parts, with `between` run after the first part has been sent. */
function slowPatch(url: URL, offset: number, bytes: Buffer, token: string, between: () => Promise<void>) {
  return new Promise<number>((resolve, reject) => {
    const req = request(url, {
      method: 'PATCH',
      headers: {
        ...TUS,
        ...bearer(token),
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(bytes.length),
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    const half = Math.floor(bytes.length / 2);
    req.write(bytes.subarray(0, half));
    between().then(() => req.end(bytes.subarray(half)), reject);
  });
}

describe('scopes', () => {
  let relay: TestRelay;
  let dir: string;
  let jpeg: Buffer;
  before(async () => {
    const tokens = `desk-cam ingest ${DESK}\nowner control ${OWNER}\nboth control,ingest ${BOTH}\n`;
    ({ dir } = await tokenDir(tokens));
    relay = await startTestRelay({ tokenFile: join(dir, 'tokens'), logLevel: 'info' }, { logDestination });
    jpeg = await makeJpeg(41);
  });
  after(async () => {
    await relay.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  test('an ingest token uploads (tus and legacy) but cannot POST /control: 403 naming the token', async () => {
    assert.equal((await tusCreate(relay.url, jpeg.length, DESK, jpeg)).status, 201);
    const legacy = await legacyUpload(relay.url, jpeg, DESK);
    assert.equal(legacy.status, 200);
    assert.equal(await legacy.text(), 'Success');

    const refused = await control(relay.url, DESK);
    assert.equal(refused.status, 403);
    const reason = await refused.text();
    assert.equal(reason, 'this token may not do that: token "desk-cam" has ingest, not control\n');
    assert.equal(reason.trim().split('\n').length, 1);
  });

  test('a control token pauses and resumes but cannot upload: 403 on /files/, /upload and PATCH', async () => {
    assert.equal((await control(relay.url, OWNER, true)).status, 200);
    assert.equal((await getPointer(relay.url)).mode, 'paused');
    assert.equal((await control(relay.url, OWNER, false)).status, 200);

    const tus = await tusCreate(relay.url, jpeg.length, OWNER, jpeg);
    assert.equal(tus.status, 403);
    assert.match(await tus.text(), /^this token may not do that: token "owner" has control, not ingest\n$/);
    assert.equal((await legacyUpload(relay.url, jpeg, OWNER)).status, 403);

    // An upload the camera started: the owner's token can neither continue, inspect nor delete it.
    const created = await tusCreate(relay.url, jpeg.length, DESK);
    assert.equal(created.status, 201);
    const upload = new URL(created.headers.get('location') ?? '', relay.url);
    assert.equal((await tusPatch(upload, 0, jpeg, OWNER)).status, 403);
    for (const method of ['HEAD', 'DELETE'])
      assert.equal((await fetch(upload, { method, headers: { ...TUS, ...bearer(OWNER) } })).status, 403);
    assert.equal((await tusPatch(upload, 0, jpeg, BOTH)).status, 204);
  });

  test('a missing or unknown token gets 401 everywhere a scope is needed', async () => {
    for (const token of [undefined, 'not-a-token-0123456789abcdef']) {
      const answers = [
        await control(relay.url, token),
        await tusCreate(relay.url, jpeg.length, token, jpeg),
        await legacyUpload(relay.url, jpeg, token),
      ];
      for (const answer of answers) {
        assert.equal(answer.status, 401);
        assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="porthole"');
        assert.match(await answer.text(), /^missing or wrong bearer token: (no token sent|unknown token)\n$/);
      }
    }
  });

  test('everything else is public: reads, the tus preflight, waves', async () => {
    for (const path of ['frame', 'latest', 'status', 'healthz', 'metrics'])
      assert.equal((await fetch(new URL(path, relay.url))).status, 200, path);
    assert.equal(
      (await fetch(new URL('files/', relay.url), { method: 'OPTIONS', headers: TUS })).status,
      204,
    );
    assert.equal((await fetch(new URL('wave', relay.url), { method: 'POST' })).status, 202);
  });

  test('refusals are logged by token name, or as unknown; never by value', () => {
    const refusals = logLines.map((line) => JSON.parse(line) as { status?: number; msg: string });
    assert.ok(
      refusals.some((l) => l.status === 403 && l.msg.includes('token "desk-cam" has ingest, not control')),
    );
    assert.ok(refusals.some((l) => l.status === 401 && l.msg.endsWith('unknown token')));
  });
});

describe('reloading the token file', () => {
  let relay: TestRelay;
  let dir: string;
  let file: string;
  before(async () => {
    ({ dir, file } = await tokenDir(`desk-cam ingest ${DESK}\nowner control ${OWNER}\n`));
    relay = await startTestRelay({ tokenFile: file, logLevel: 'info' }, { logDestination });
  });
  after(async () => {
    await relay.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  test('deleting a line revokes that token without a restart; the others keep working', async () => {
    assert.equal((await control(relay.url, DESK)).status, 403);
    await saveByRename(file, `owner control ${OWNER}\n`);
    // 403 (known, wrong scope) turns into 401 (unknown) once the relay has reloaded.
    await eventually(async () => (await control(relay.url, DESK)).status === 401, 5_000);
    assert.equal((await control(relay.url, OWNER)).status, 200);
  });

  test('rotation: add the new token, switch the camera mid-upload, delete the old line', async () => {
    await writeFile(file, `desk-cam ingest ${DESK}\nowner control ${OWNER}\n`); // in place, not renamed
    await eventually(async () => (await control(relay.url, DESK)).status === 403, 5_000);
    const jpeg = await makeJpeg(42);
    const before = await getPointer(relay.url);
    const third = Math.floor(jpeg.length / 3);
    const created = await tusCreate(relay.url, jpeg.length, DESK);
    const upload = new URL(created.headers.get('location') ?? '', relay.url);
    assert.equal((await tusPatch(upload, 0, jpeg.subarray(0, third), DESK)).status, 204);

    // The old line goes and the new one arrives while the next PATCH is half sent: that PATCH was allowed
    // when it began, so it completes.
    const status = await slowPatch(upload, third, jpeg.subarray(third, 2 * third), DESK, async () => {
      await saveByRename(file, `desk-cam-2 ingest ${DESK_2}\nowner control ${OWNER}\n`);
      await eventually(async () => (await control(relay.url, DESK)).status === 401, 5_000);
    });
    assert.equal(status, 204);

    // The next PATCH is checked against the new tokens: the old one is refused, the new one finishes.
    assert.equal((await tusPatch(upload, 2 * third, jpeg.subarray(2 * third), DESK)).status, 401);
    assert.equal((await tusPatch(upload, 2 * third, jpeg.subarray(2 * third), DESK_2)).status, 204);
    await relay.idle();
    assert.ok((await getPointer(relay.url)).seq > before.seq, 'the frame was published');

    const reloads = logLines.filter((line) => line.includes('"tokens reloaded"'));
    assert.ok(reloads.some((line) => /"added":\["desk-cam-2"\],"removed":\["desk-cam"\]/.test(line)));
  });

  test('a file that becomes invalid keeps the tokens in use and logs the line at fault', async () => {
    const errorsBefore = logLines.filter((line) => line.includes('token file not reloaded')).length;
    await saveByRename(file, `desk-cam-2 ingest ${DESK_2}\nowner contrl ${OWNER}\n`);
    const error = await eventually(async () => {
      const errors = logLines.filter((line) => line.includes('token file not reloaded'));
      return errors.length > errorsBefore && errors.at(-1);
    }, 5_000);
    assert.match(error, /line 2: scopes: expected scopes ingest, control or ingest,control/);
    assert.match(error, /"level":50/);
    assert.equal((await control(relay.url, OWNER)).status, 200, 'the owner is not locked out');
    assert.equal((await tusCreate(relay.url, 10, DESK_2)).status, 201);

    // Deleting the file altogether is a mistake too.
    await rm(file);
    await eventually(
      async () =>
        logLines.filter((line) => line.includes('token file not reloaded')).length > errorsBefore + 1,
      5_000,
    );
    assert.equal((await control(relay.url, OWNER)).status, 200);

    // Once fixed, it is read again.
    await saveByRename(file, `owner control,ingest ${OWNER}\n`);
    await eventually(async () => (await tusCreate(relay.url, 10, DESK_2)).status === 401, 5_000);
    assert.equal((await tusCreate(relay.url, 10, OWNER)).status, 201);
  });

  test('a relay given --token has nothing to reload and keeps it', async () => {
    const fixed = await startTestRelay({ logLevel: 'info' }, { logDestination });
    try {
      assert.equal(fixed.reloadTokens(), false);
      assert.equal((await control(fixed.url, TOKEN)).status, 200);
    } finally {
      await fixed.dispose();
    }
  });
});

describe('SIGHUP', () => {
  let dataDir: string;
  let loopDir: string;
  let dir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'porthole-data-'));
    loopDir = await makeLoopDir();
    dir = await mkdtemp(join(tmpdir(), 'porthole-tokens-'));
  });
  after(async () => {
    for (const folder of [dataDir, loopDir, dir]) await rm(folder, { recursive: true, force: true });
  });

  test('makes a running relay process re-read its token file', async () => {
    // The relay watches the folder of the path it was given; a file behind a symlink from elsewhere changes
    // without a sound there, which leaves SIGHUP as the only way the relay can learn of it.
    const real = join(dir, 'real-tokens');
    const linkDir = await mkdtemp(join(tmpdir(), 'porthole-tokens-link-'));
    const link = join(linkDir, 'tokens');
    await writeFile(real, `desk-cam ingest ${DESK}\nowner control ${OWNER}\n`);
    await symlink(real, link);
    const relay = await spawnRelay({ dataDir, loopDir, token: null, args: ['--token-file', link] });
    const lines = () => relay.logs.text().split('\n');
    try {
      assert.equal((await control(relay.url, DESK)).status, 403);
      await writeFile(real, `owner control ${OWNER}\n`);
      await new Promise((resolve) => setTimeout(resolve, NOTICE_MS));
      assert.equal((await control(relay.url, DESK)).status, 403, 'nothing reloaded it yet');

      relay.child.kill('SIGHUP');
      await eventually(async () => (await control(relay.url, DESK)).status === 401, 5_000);
      assert.equal((await control(relay.url, OWNER)).status, 200);
      const reloaded = lines().find((line) => line.includes('"tokens reloaded"'));
      assert.match(reloaded ?? '', /"names":\["owner"\],"added":\[\],"removed":\["desk-cam"\]/);

      relay.child.kill('SIGTERM');
      assert.equal(await exitWithin(relay, 10_000), 0, relay.stderr());
      for (const line of [...lines(), relay.stderr()])
        for (const secret of SECRETS) assert.ok(!line.includes(secret), `a token in: ${line}`);
    } finally {
      relay.child.kill('SIGKILL');
      await rm(linkDir, { recursive: true, force: true });
    }
  });
});

test('no token value appears in any log line', () => {
  assert.ok(logLines.length > 20, `only ${logLines.length} log lines were captured`);
  for (const line of logLines)
    for (const secret of SECRETS) assert.ok(!line.includes(secret), `a token in: ${line}`);
});
