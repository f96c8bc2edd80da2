import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Pointer } from '@porthole/protocol';
import {
  closestSource,
  eventually,
  fetchFrameOnAir,
  freePort,
  grayThumb,
  makeJpeg,
  makeLoopDir,
  type RelayProcess,
  SAME_FRAME,
  seededRandom,
  spawnRelay,
  TOKEN,
  uploadWithTus,
  widestJpeg,
} from '@porthole/testing';
import { uploadLeftovers } from '../src/upload-leftovers.ts';

const ROUNDS = 20;
const SOURCES = 40;
const SEED = Number(process.env.PORTHOLE_FAULT_SEED ?? 20240607) + 2;
// Long enough to span a restart (about a second on an idle machine, many on a busy one; a camera retries
// for ever): the in-flight upload must resume, not fail. About 45 s in all, within the test's timeout.
const RETRY_DELAYS = [50, 100, 200, 300, 400, 500, 500, 500, 1000, 1000, 1000, 1000, ...Array(16).fill(2000)];

let dataDir: string;
let loopDir: string;
let sources: Buffer[];
let thumbs: Buffer[];

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'porthole-crash-'));
  loopDir = await makeLoopDir(2);
  sources = await Promise.all(
    Array.from({ length: SOURCES }, (_, i) => makeJpeg(9000 + i, { width: 320, height: 240 })),
  );
  thumbs = await Promise.all(sources.map(grayThumb));
});
after(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(loopDir, { recursive: true, force: true });
});

/** Which source a published frame shows, by pixels. */
async function sourceShown(image: Buffer): Promise<number> {
  const { index, distance } = await closestSource(image, thumbs);
  assert.ok(
    distance <= SAME_FRAME,
    `the frame on air matches no uploaded frame (distance ${distance.toFixed(1)})`,
  );
  return index;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true })) {
    total += (await stat(join(dir, entry)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

test(`kill -9 at random moments during a stream of uploads, ${ROUNDS} times: the relay always comes back whole`, {
  timeout: 120_000,
}, async () => {
  const random = seededRandom(SEED);
  const port = await freePort();
  const start = () =>
    spawnRelay({ dataDir, loopDir, token: TOKEN, port, args: ['--widths', '160', '--offline-after', '60s'] });
  let relay: RelayProcess = await start();
  const base = relay.url;

  // The camera: distinct frames back to back, across every kill, resuming through tus retries.
  let stopped = false;
  let uploads = 0;
  let spanningKills = 0;
  let kills = 0;
  const failures: string[] = [];
  // Every other kill waits for this: an upload part-way through, so some kills surely land mid-upload.
  let onMidUpload: (() => void) | undefined;
  const camera = (async () => {
    for (let i = 0; !stopped; i++) {
      const killsAtStart = kills;
      try {
        await uploadWithTus(base, sources[i % SOURCES]!, TOKEN, {
          retryDelays: RETRY_DELAYS,
          uploadDataDuringCreation: i % 2 === 0,
          chunkSize: 4096,
          onChunkComplete: (_size, accepted, total) => {
            if (accepted < total) onMidUpload?.();
          },
        });
        uploads++;
        if (kills > killsAtStart) spanningKills++;
      } catch (error) {
        failures.push(`upload ${i}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  })();

  // A viewer: the highest sequence number the public has seen, for the no-going-back check.
  let highestSeqSeen = 0;
  const viewer = setInterval(() => {
    fetch(new URL('frame', base))
      .then((res) => (res.ok ? (res.json() as Promise<Pointer>) : undefined))
      .then((p) => {
        if (p) highestSeqSeen = Math.max(highestSeqSeen, p.seq);
      })
      .catch(() => {});
  }, 15);

  const startTimes: number[] = [];
  const reusedSeqs: string[] = [];
  let lastShown: number | undefined;
  let final: Awaited<ReturnType<typeof fetchFrameOnAir>>;
  let exitCode: number | null;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      await new Promise((r) => setTimeout(r, 100 + random() * 400));
      const before = await fetchFrameOnAir(base).catch(() => undefined);
      if (round % 2 === 1) await new Promise<void>((resolve) => (onMidUpload = resolve));
      onMidUpload = undefined;
      await relay.kill();
      kills++;
      // Nothing can be seen while the relay is down: this is the highest seq the crashed process served.
      const seenBeforeKill = highestSeqSeen;
      const t = performance.now();
      relay = await start();
      startTimes.push(performance.now() - t);
      // Back up, whole: a complete frame, never an older one than the public saw before the kill.
      const onAir = await fetchFrameOnAir(base);
      // A sequence number the public has seen never comes back naming other content.
      if (onAir.seq <= seenBeforeKill)
        reusedSeqs.push(`round ${round}: seq ${onAir.seq} after ${seenBeforeKill}`);
      if (before?.mode === 'live') {
        assert.equal(onAir.mode, 'live', `round ${round}: the last frame is back on air`);
        const shownBefore = await sourceShown(widestJpeg(before).data);
        const shownAfter = await sourceShown(widestJpeg(onAir).data);
        // Frames go round in order: the one on air now is the one seen before or one uploaded after it.
        const age = (shownBefore - shownAfter + SOURCES) % SOURCES;
        assert.ok(age === 0 || age > SOURCES / 2, `round ${round}: frame ${shownAfter} after ${shownBefore}`);
        lastShown = shownAfter;
      }
    }
    stopped = true;
    await camera;
    // The camera's last frame reaches the screen once the crashes stop (waited for, bounded; checked below).
    const lastSent = (uploads + failures.length - 1) % SOURCES;
    final = await eventually(async () => {
      const onAir = await fetchFrameOnAir(base);
      return (await closestSource(widestJpeg(onAir).data, thumbs)).index === lastSent && onAir;
    }).catch(() => fetchFrameOnAir(base));
    exitCode = await relay.stop();
  } finally {
    stopped = true;
    clearInterval(viewer);
    if (relay.child.exitCode === null && relay.child.signalCode === null) await relay.kill();
  }

  const last = (uploads + failures.length - 1) % SOURCES;
  const leftovers = await uploadLeftovers(dataDir);
  const frames = (await readdir(join(dataDir, 'frames'))).length;
  const bytes = await folderBytes(dataDir);
  console.log(
    `crash safety: ${kills} kills, ${uploads} uploads finished (${spanningKills} across a kill), ` +
      `${failures.length} failed; restarts took ${Math.min(...startTimes).toFixed(0)}–${Math.max(...startTimes).toFixed(0)} ms; ` +
      `disk: ${frames} frame files, ${leftovers.unfinished.length} unfinished, ${leftovers.complete.length} complete and ` +
      `${leftovers.orphans.length} orphaned uploads left, ${(bytes / 1024).toFixed(0)} kB in all; reused seqs: ${reusedSeqs.length}`,
  );
  assert.equal(exitCode, 0, 'SIGTERM after all that still shuts down cleanly');
  assert.deepEqual(reusedSeqs, [], 'no sequence number is served twice');
  assert.deepEqual(failures, [], 'every upload eventually succeeded');
  assert.ok(spanningKills >= ROUNDS / 4, `uploads in flight at a kill resumed (${spanningKills})`);
  assert.equal(await sourceShown(widestJpeg(final).data), last, 'the last uploaded frame is on air');
  assert.ok(lastShown !== undefined);
  // History 20 frames + 2 loop frames, each 3 formats at one width and a video chunk; and the keys the
  // video tape made of frames on air since this relay started (a restart's, a switch's: a few at most).
  assert.ok(frames <= (20 + 2) * (3 + 1) + 4, `${frames} frame files`);
  assert.deepEqual(leftovers.complete, [], 'no complete upload is left unprocessed');
  assert.deepEqual(leftovers.orphans, [], 'no upload is left that tus can neither resume nor expire');
  assert.ok(leftovers.unfinished.length <= ROUNDS, `${leftovers.unfinished.length} unfinished uploads`);
  assert.ok(bytes < 4 * 1024 * 1024, `${bytes} bytes on disk`);
});
