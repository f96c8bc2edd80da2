import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import sharp from 'sharp';
import { grabFrameArgs } from '../src/sources/device-source.ts';
import { openDirSource } from '../src/sources/dir-source.ts';
import { MOTION_FRAMES, STILL_FRAMES, sceneMoment } from '../src/sources/synthetic-scene.ts';
import { renderSyntheticFrame } from '../src/sources/synthetic-source.ts';

const noon = new Date(2025, 0, 1, 12, 0, 0);

describe('synthetic scene', () => {
  it('alternates motion and still periods', () => {
    const period = MOTION_FRAMES + STILL_FRAMES;
    const moving = Array.from({ length: period * 2 }, (_, i) => sceneMoment(i, noon).moving);
    assert.equal(moving.filter(Boolean).length, MOTION_FRAMES * 2);
    assert.equal(moving[0], true);
    assert.equal(moving[MOTION_FRAMES], false);
    assert.equal(moving[period], true);
  });

  it('renders a 640x480 JPEG well under the relay upload limit', async () => {
    const jpeg = await renderSyntheticFrame(0, noon);
    const meta = await sharp(jpeg).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.width, 640);
    assert.equal(meta.height, 480);
    assert.ok(jpeg.length < 100_000, `${jpeg.length} bytes`);
  });

  it('repeats the same frame exactly through a still period', async () => {
    const first = await renderSyntheticFrame(MOTION_FRAMES, noon);
    const last = await renderSyntheticFrame(MOTION_FRAMES + STILL_FRAMES - 1, noon);
    assert.ok(first.equals(last));
  });

  it('changes from frame to frame while someone is moving', async () => {
    const a = await renderSyntheticFrame(1, noon);
    const b = await renderSyntheticFrame(2, noon);
    assert.ok(!a.equals(b));
  });

  it('shows the time on the clock', async () => {
    const a = await renderSyntheticFrame(MOTION_FRAMES, noon);
    const b = await renderSyntheticFrame(MOTION_FRAMES, new Date(2025, 0, 1, 12, 30, 0));
    assert.ok(!a.equals(b));
  });
});

describe('folder source', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-camera-dir-'));
  after(() => rm(dir, { recursive: true, force: true }));

  it('plays images in natural name order, skips other files, and loops', async () => {
    for (const name of ['f-10.jpg', 'f-2.jpg', 'f-1.png', 'notes.txt'])
      await writeFile(join(dir, name), name);
    const source = await openDirSource(dir);
    const names = [];
    for (let i = 0; i < 4; i++) names.push((await source.next()).name);
    assert.deepEqual(names, ['f-1.png', 'f-2.jpg', 'f-10.jpg', 'f-1.png']);
  });

  it('labels each frame with its image type', async () => {
    const source = await openDirSource(dir);
    assert.equal((await source.next()).type, 'image/png');
    assert.equal((await source.next()).type, 'image/jpeg');
  });

  it('refuses a folder without images', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'porthole-camera-empty-'));
    await assert.rejects(openDirSource(empty), /no \.jpg, \.png or \.webp images/);
    await rm(empty, { recursive: true });
  });
});

describe('device source', () => {
  it('reads a /dev node on Linux through v4l2 and asks for one JPEG on stdout', () => {
    const args = grabFrameArgs('/dev/video0', 'linux');
    assert.deepEqual(args.slice(args.indexOf('-f'), args.indexOf('-f') + 4), [
      '-f',
      'v4l2',
      '-i',
      '/dev/video0',
    ]);
    assert.deepEqual(args.slice(-7), ['-frames:v', '1', '-q:v', '4', '-f', 'mjpeg', 'pipe:1']);
  });

  it('leaves files and stream URLs to ffmpeg to probe', () => {
    const args = grabFrameArgs('rtsp://cam.local/stream', 'linux');
    assert.ok(!args.includes('v4l2'));
    assert.ok(args.includes('rtsp://cam.local/stream'));
  });
});
