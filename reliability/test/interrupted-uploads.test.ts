import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventually, makeJpeg, startTestRelay, TOKEN } from '@porthole/testing';

const TUS = { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${TOKEN}` };
const info = (id: string, size: number) =>
  JSON.stringify({ id, size, offset: 0, metadata: {}, creation_date: new Date().toISOString() });

/**
 * What kill -9 leaves in the tus folder, set up by hand: a complete upload the crash kept from being
 * processed, an unfinished one, and the half-written pairs a crash inside tus's own bookkeeping leaves.
 */
test('after a crash, uploads tus can never finish are cleared so the camera sends the frame again', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'porthole-interrupted-'));
  const uploads = join(dataDir, 'uploads');
  await mkdir(uploads, { recursive: true });
  const frame = await makeJpeg(77, { width: 320, height: 240 });
  const ids = {
    complete: 'c'.repeat(32),
    unfinished: 'a'.repeat(32),
    dataOnly: 'd'.repeat(32),
    cutInfo: 'e'.repeat(32),
    infoOnly: 'f'.repeat(32),
  };
  await writeFile(join(uploads, ids.complete), frame);
  await writeFile(join(uploads, `${ids.complete}.json`), info(ids.complete, frame.length));
  await writeFile(join(uploads, ids.unfinished), frame.subarray(0, 1000));
  await writeFile(join(uploads, `${ids.unfinished}.json`), info(ids.unfinished, frame.length));
  await writeFile(join(uploads, ids.dataOnly), frame.subarray(0, 500));
  await writeFile(join(uploads, ids.cutInfo), frame.subarray(0, 500));
  await writeFile(join(uploads, `${ids.cutInfo}.json`), info(ids.cutInfo, frame.length).slice(0, 20));
  await writeFile(join(uploads, `${ids.infoOnly}.json`), info(ids.infoOnly, frame.length));

  // A long expiry while the leftovers are checked: on a busy machine a 1 s expiry could sweep the
  // unfinished upload before the first HEAD arrives.
  const relay = await startTestRelay({ logLevel: 'info', dataDir, uploadExpiry: '1h' });
  try {
    const head = (id: string) => fetch(new URL(`files/${id}`, relay.url), { method: 'HEAD', headers: TUS });
    // Not "complete, offset = length": that answer would end the camera's upload with its frame unseen.
    assert.equal((await head(ids.complete)).status, 404);
    const unfinished = await head(ids.unfinished);
    assert.equal(unfinished.status, 200);
    assert.equal(unfinished.headers.get('upload-offset'), '1000', 'an unfinished upload can still resume');
    assert.deepEqual((await readdir(uploads)).sort(), [ids.unfinished, `${ids.unfinished}.json`]);
  } finally {
    // close, not dispose: the data folder stays for the restart below.
    await relay.close();
    await rm(relay.loopDir, { recursive: true, force: true });
  }
  // And the expiry sweep still runs cleanly afterwards, on what the first start kept.
  const restarted = await startTestRelay({ logLevel: 'info', dataDir, uploadExpiry: '1s' });
  try {
    await eventually(async () => (await readdir(uploads)).length === 0).catch(() => {});
    assert.deepEqual(await readdir(uploads), []);
    assert.ok(!restarted.logs.text().includes('stale upload sweep failed'), restarted.logs.text());
  } finally {
    await restarted.dispose();
  }
});
