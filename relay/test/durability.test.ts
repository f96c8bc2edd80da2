import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { getPointer, makeJpeg, makeLoopDir, mulberry32, TOKEN, uploadWithTus } from './helpers.ts';

const CLI = new URL('../src/cli.ts', import.meta.url).pathname;

/** Start the real CLI in its own process and resolve with its URL once it listens. */
async function spawnRelay(dataDir: string, loopDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--loop-dir',
      loopDir,
      '--privacy-windows',
      'off',
      '--log-format',
      'json',
    ],
    {
      env: { ...process.env, PORTHOLE_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    if (entry.msg === 'relay listening' && entry.url) {
      lines.on('line', () => {});
      return { child, url: entry.url };
    }
  }
  throw new Error('relay exited before listening');
}

async function assertServesCompleteFrame(url: string): Promise<number> {
  const pointer = await getPointer(url);
  for (const variant of pointer.variants) {
    const res = await fetch(new URL(variant.url, new URL('frame', url)));
    assert.equal(res.status, 200, variant.url);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.length, variant.bytes);
    const { info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    assert.equal(info.width, variant.width, 'decodes completely');
  }
  return pointer.seq;
}

describe('durability', () => {
  let dataDir: string;
  let loopDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'porthole-crash-'));
    loopDir = await makeLoopDir(2);
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(loopDir, { recursive: true, force: true });
  });

  test('after kill -9 mid-stream the relay restarts serving the last published frame, never a partial file', async () => {
    const frames = await Promise.all([1, 2, 3, 4, 5, 6].map((seed) => makeJpeg(seed)));
    const random = mulberry32(99);
    let lastLiveVariants: string | undefined;
    for (let round = 0; round < 3; round++) {
      const { child, url } = await spawnRelay(dataDir, loopDir);
      if (lastLiveVariants) {
        const pointer = await getPointer(url);
        assert.equal(pointer.mode, 'live');
        assert.equal(
          JSON.stringify(pointer.variants),
          lastLiveVariants,
          'the last published frame is back on air',
        );
      }
      await assertServesCompleteFrame(url);
      // Upload a stream of frames and kill the process at a random moment in the middle of it.
      const stream = (async () => {
        for (let i = 0; ; i++)
          await uploadWithTus(url, frames[(round * 2 + i) % frames.length]!, TOKEN, { retryDelays: [] });
      })().catch(() => {});
      await new Promise((r) => setTimeout(r, 300 + random() * 700));
      lastLiveVariants = JSON.stringify((await getPointer(url)).variants);
      child.kill('SIGKILL');
      await once(child, 'exit');
      await stream;
      // Anything published between our last look and the kill is newer; the test restarts and compares.
      const restarted = await spawnRelay(dataDir, loopDir);
      lastLiveVariants = JSON.stringify((await getPointer(restarted.url)).variants);
      await assertServesCompleteFrame(restarted.url);
      const leftovers = (await readdir(join(dataDir, 'frames'))).filter((f) => f.startsWith('.tmp-'));
      assert.deepEqual(leftovers, [], 'interrupted writes are swept at start-up');
      restarted.child.kill('SIGTERM');
      const [code] = await once(restarted.child, 'exit');
      assert.equal(code, 0, 'SIGTERM shuts down cleanly');
    }
  });

  test('disk use stays bounded: old frames are deleted beyond the history length', async () => {
    const { child, url } = await spawnRelay(dataDir, loopDir);
    // Unfinished uploads cut by the kills above stay (until --upload-expiry) so their cameras can resume.
    const unfinished = await readdir(join(dataDir, 'uploads'));
    try {
      for (let i = 0; i < 25; i++) {
        await uploadWithTus(url, await makeJpeg(100 + i, { width: 320, height: 240 }));
      }
      await new Promise((r) => setTimeout(r, 1500));
      const files = (await readdir(join(dataDir, 'frames'))).length;
      // history (20) + loop (2) frames, 6 variants each at most
      assert.ok(files <= (20 + 2) * 6, `${files} files on disk`);
      const uploads = await readdir(join(dataDir, 'uploads'));
      assert.deepEqual(
        uploads.filter((f) => !unfinished.includes(f)),
        [],
        'raw uploads are deleted once processed',
      );
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});

describe('expiry', () => {
  test('unfinished uploads older than --upload-expiry are deleted', async () => {
    const { startTestRelay } = await import('./helpers.ts');
    const relay = await startTestRelay({ uploadExpiry: '1s' });
    try {
      const headers = { Authorization: `Bearer ${TOKEN}`, 'Tus-Resumable': '1.0.0' };
      const created = await fetch(new URL('files/', relay.url), {
        method: 'POST',
        headers: { ...headers, 'Upload-Length': '1000' },
      });
      assert.equal(created.status, 201);
      assert.ok(created.headers.get('upload-expires'), 'the expiry is announced');
      const location = new URL(created.headers.get('location')!, relay.url);
      await new Promise((r) => setTimeout(r, 2600));
      assert.equal((await readdir(join(relay.dataDir, 'uploads'))).length, 0);
      assert.ok([404, 410].includes((await fetch(location, { method: 'HEAD', headers })).status));
    } finally {
      await relay.dispose();
    }
  });
});
