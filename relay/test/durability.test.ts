import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  closestSource,
  createTusUpload,
  eventually,
  type FrameOnAir,
  fetchFrameOnAir,
  grayThumb,
  makeJpeg,
  makeLoopDir,
  type RelayProcess,
  SAME_FRAME,
  seededRandom,
  spawnRelay,
  startTestRelay,
  TOKEN,
  uploadWithTus,
  widestJpeg,
} from '@porthole/testing';

describe('durability', () => {
  let dataDir: string;
  let loopDir: string;
  // The real CLI in its own process, on the same folders every time, so restarts find what was left.
  const start = () => spawnRelay({ dataDir, loopDir });
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
    const thumbs = await Promise.all(frames.map(grayThumb));
    /** Which uploaded frame `onAir` shows; fails if it is none of them (a loop frame, a mangled one). */
    const shown = async (onAir: FrameOnAir) => {
      const { index, distance } = await closestSource(widestJpeg(onAir).data, thumbs);
      assert.ok(distance <= SAME_FRAME, `the frame on air is none of the uploads (distance ${distance})`);
      return index;
    };
    const random = seededRandom(99);
    let relay: RelayProcess = await start();
    try {
      for (let round = 0; round < 3; round++) {
        // Upload a stream of frames and kill the process at a random moment in the middle of it.
        const stream = (async () => {
          for (let i = 0; ; i++)
            await uploadWithTus(relay.url, frames[(round * 2 + i) % frames.length]!, TOKEN, {
              retryDelays: [],
            });
        })().catch(() => {});
        // On air and from this round's stream: the frame a restart brought back is the round before's.
        const atStart = await fetchFrameOnAir(relay.url).catch(() => undefined);
        await eventually(async () => {
          const onAir = await fetchFrameOnAir(relay.url);
          return onAir.mode === 'live' && onAir.key !== atStart?.key;
        });
        await new Promise((r) => setTimeout(r, random() * 700));
        const beforeKill = await fetchFrameOnAir(relay.url);
        await relay.kill();
        await stream;

        relay = await start();
        const afterKill = await fetchFrameOnAir(relay.url);
        assert.equal(afterKill.mode, 'live', `round ${round}: a camera frame is back on air, not the loop`);
        // A restart moves seq past anything it may have served, so the frame itself is compared.
        assert.ok(afterKill.seq > beforeKill.seq, `round ${round}: seq ${beforeKill.seq} → ${afterKill.seq}`);
        const before = await shown(beforeKill);
        const now = await shown(afterKill);
        if (now === before) {
          assert.equal(
            afterKill.key,
            beforeKill.key,
            `round ${round}: the frame on air before the kill is back`,
          );
        } else {
          // Published between our last look and the kill: the stream goes through `frames` in order, so a
          // frame published since is one of the next few, never one from before.
          const ahead = (now - before + frames.length) % frames.length;
          assert.ok(ahead <= frames.length / 2, `round ${round}: frame ${now} on air after frame ${before}`);
        }
        const leftovers = (await readdir(join(dataDir, 'frames'))).filter((f) => f.startsWith('.tmp-'));
        assert.deepEqual(leftovers, [], 'interrupted writes are swept at start-up');

        assert.equal(await relay.stop(), 0, 'SIGTERM shuts down cleanly');
        relay = await start();
        const afterStop = await fetchFrameOnAir(relay.url);
        assert.equal(afterStop.mode, 'live');
        assert.ok(afterStop.seq > afterKill.seq, 'a seq once served is never reused');
        assert.equal(afterStop.key, afterKill.key, 'the same frame is back after a clean restart');
      }
    } finally {
      await relay.stop();
    }
  });

  test('disk use stays bounded: old frames are deleted beyond the history length', async () => {
    const relay = await start();
    // Unfinished uploads cut by the kills above stay (until --upload-expiry) so their cameras can resume.
    const unfinished = await readdir(join(dataDir, 'uploads'));
    const newUploads = async () =>
      (await readdir(join(dataDir, 'uploads'))).filter((f) => !unfinished.includes(f));
    try {
      const frames = await Promise.all(
        Array.from({ length: 25 }, (_, i) => makeJpeg(100 + i, { width: 320, height: 240 })),
      );
      for (const frame of frames) await uploadWithTus(relay.url, frame);
      // Done when the last frame is on air and every raw upload has been dealt with.
      const last = await grayThumb(frames.at(-1)!);
      await eventually(async () => {
        const onAir = await fetchFrameOnAir(relay.url);
        const { distance } = await closestSource(widestJpeg(onAir).data, [last]);
        return distance <= SAME_FRAME && (await newUploads()).length === 0;
      }).catch(() => {});
      const files = (await readdir(join(dataDir, 'frames'))).length;
      // history (20) + loop (2) frames, 6 variants each at most
      assert.ok(files <= (20 + 2) * 6, `${files} files on disk`);
      assert.deepEqual(await newUploads(), [], 'raw uploads are deleted once processed');
    } finally {
      await relay.stop();
    }
  });
});

describe('expiry', () => {
  test('unfinished uploads older than --upload-expiry are deleted', async () => {
    const relay = await startTestRelay({ uploadExpiry: '1s' });
    try {
      const headers = { Authorization: `Bearer ${TOKEN}`, 'Tus-Resumable': '1.0.0' };
      const { response: created, url: location } = await createTusUpload(relay.url, 1000);
      assert.equal(created.status, 201);
      assert.ok(created.headers.get('upload-expires'), 'the expiry is announced');
      const uploads = () => readdir(join(relay.dataDir, 'uploads'));
      await eventually(async () => (await uploads()).length === 0).catch(() => {});
      assert.equal((await uploads()).length, 0);
      assert.ok([404, 410].includes((await fetch(location, { method: 'HEAD', headers })).status));
    } finally {
      await relay.dispose();
    }
  });
});
