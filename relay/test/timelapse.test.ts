import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { RECORDING_PATHS, type TimelapseIndex } from '@porthole/protocol';
import { makeJpeg, startTestRelay, type TestRelay, uploadWithTus } from '@porthole/testing';
import sharp from 'sharp';

const run = promisify(execFile);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Local midnight of a fixed day, so the hours the owner excludes are the hours this test means. */
const midnight = (day: number) => new Date(2030, 0, day).getTime();
const night = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 8, g: 8, b: 8 } } })
    .jpeg()
    .toBuffer();

async function show(relay: TestRelay, jpeg: Buffer) {
  await uploadWithTus(relay.url, jpeg);
  await relay.idle();
  await relay.feed.settled();
}

async function indexOf(relay: TestRelay): Promise<TimelapseIndex> {
  const res = await fetch(new URL(`.${RECORDING_PATHS.timelapseIndex}`, relay.url));
  assert.equal(res.status, 200);
  return (await res.json()) as TimelapseIndex;
}

async function ffprobe(url: string) {
  const { stdout, stderr } = await run('/usr/bin/ffprobe', [
    ...['-v', 'error', '-count_frames', '-of', 'json'],
    ...['-show_entries', 'stream=codec_name,width,height,nb_read_frames,avg_frame_rate:format=duration'],
    url,
  ]);
  const json = JSON.parse(stdout) as {
    streams: { codec_name: string; width: number; nb_read_frames: string; avg_frame_rate: string }[];
    format: { duration: string };
  };
  return { stderr, stream: json.streams[0]!, duration: Number(json.format.duration) };
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  return total;
}

test('a simulated day renders to a minute-long timelapse, evenly spaced, without the excluded hours', async (t) => {
  let clock = midnight(1);
  const relay = await startTestRelay(
    { timelapse: 'on', widths: '320', offlineAfter: '1h', recordingsExcludeHours: '0-6' },
    { recordingsClock: () => clock },
  );
  try {
    let renders = 0;
    for (let at = midnight(1); at < midnight(2); at += MINUTE) {
      const hour = new Date(at).getHours();
      if (at % HOUR === 0) await show(relay, hour < 8 || hour >= 20 ? await night() : await makeJpeg(hour));
      clock = at;
      await relay.recordings.timelapseTick(at);
      if (hour === 12 && at % HOUR === 0) {
        // "Today so far" is there before the day ends, and says how far it got.
        const today = (await indexOf(relay)).today;
        assert.ok(today && !today.final && today.frames > 0);
        renders++;
      }
    }
    clock = midnight(2) + 30_000;
    await relay.recordings.timelapseTick(clock);
    const index = await indexOf(relay);
    assert.equal(index.fps, 24);
    assert.equal(index.everySeconds, 60);
    const day = index.days.find((d) => d.date === '2030-01-01');
    assert.ok(day, JSON.stringify(index));
    assert.ok(day.final);
    // 06:00 to 23:59, a frame a minute: 18 hours of 60 frames at 24 fps.
    assert.equal(day.frames, 18 * 60);
    assert.equal(day.seconds, 45);
    assert.equal(new Date(day.from).getTime(), midnight(1) + 6 * HOUR);
    assert.equal(new Date(day.to).getTime(), midnight(2) - MINUTE);
    assert.equal((new Date(day.to).getTime() - new Date(day.from).getTime()) / (day.frames - 1), MINUTE);

    const mp4 = await ffprobe(new URL(day.mp4, relay.url).href);
    assert.equal(mp4.stderr, '');
    assert.equal(mp4.stream.codec_name, 'av1');
    assert.equal(Number(mp4.stream.nb_read_frames), day.frames);
    assert.equal(mp4.stream.avg_frame_rate, '24/1');
    assert.ok(Math.abs(mp4.duration - 45) < 0.05, `${mp4.duration} s`);
    const vod = await ffprobe(new URL(day.hls, relay.url).href);
    assert.equal(Number(vod.stream.nb_read_frames), day.frames);

    const file = await fetch(new URL(day.mp4, relay.url), { headers: { Range: 'bytes=0-99' } });
    assert.equal(file.status, 206);
    assert.equal(file.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal((await file.arrayBuffer()).byteLength, 100);
    const poster = await fetch(new URL(day.poster, relay.url));
    assert.equal(poster.headers.get('content-type'), 'image/jpeg');
    assert.ok(
      (await sharp(Buffer.from(await poster.arrayBuffer())).stats()).channels[0]!.mean > 40,
      'the poster is a lit frame',
    );
    const today = await fetch(new URL(`.${RECORDING_PATHS.timelapse}today.mp4`, relay.url), {
      redirect: 'manual',
    });
    assert.equal(today.status, 302);
    t.diagnostic(
      `a simulated day: ${day.frames} frames, ${day.seconds} s, MP4 ${(await file.headers.get('content-range'))?.split('/')[1]} bytes; ${renders} checks of today so far`,
    );
  } finally {
    await relay.dispose();
  }
});

test('over many simulated days the recordings stay within their disk budget and the retention period', async (t) => {
  const budget = 48 * 1024;
  let clock = midnight(1);
  const relay = await startTestRelay(
    {
      timelapse: 'on',
      widths: '320',
      offlineAfter: '1h',
      timelapseLength: '2500ms',
      timelapseRetention: '3d',
      recordingsDisk: budget,
    },
    { recordingsClock: () => clock },
  );
  try {
    const dir = join(relay.dataDir, 'recordings');
    let most = 0;
    let seed = 0;
    for (let at = midnight(1); at < midnight(6); at += 24 * MINUTE) {
      if (at % (2 * HOUR) === 0) await show(relay, await makeJpeg(seed++, { noise: 0.2 }));
      clock = at;
      await relay.recordings.timelapseTick(at);
      most = Math.max(most, await folderBytes(dir));
      assert.ok(most <= budget, `${most} bytes on disk, over the ${budget} budget`);
    }
    const { days } = await indexOf(relay);
    t.diagnostic(
      `at most ${most} bytes of ${budget}; days kept: ${days.map((d) => `${d.date} (${d.frames})`).join(', ')}`,
    );
    // The budget, not the three-day retention, decided: fewer days are kept than the retention allows.
    assert.ok(days.length >= 1 && days.length < 3, days.map((d) => d.date).join());
    assert.ok(
      days.some((d) => d.date === '2030-01-05'),
      'today is kept',
    );
  } finally {
    await relay.dispose();
  }
});
