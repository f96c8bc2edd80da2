/**
 * record-loop from the camera's own frame sources (no relay involved): the synthetic scene, a
 * folder of images (PNG converted to JPEG, JPEG kept as is), failures, Ctrl-C and the CLI.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import sharp from 'sharp';
import { recordLoop } from '../src/record-loop.ts';
import { openDirSource } from '../src/sources/dir-source.ts';
import type { Frame, FrameSource } from '../src/sources/frame-source.ts';
import { openSyntheticSource, renderSyntheticFrame } from '../src/sources/synthetic-source.ts';

const BIN = join(import.meta.dirname, '../bin/porthole-camera.js');
const noon = new Date(2025, 0, 1, 12, 0, 0);

/** A flat 64x48 image of one colour. */
function solid(r: number, g: number, b: number) {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g, b } } });
}

async function meanColour(file: string): Promise<number[]> {
  const { channels } = await sharp(file).stats();
  return channels.slice(0, 3).map((channel) => Math.round(channel.mean));
}

/** A source that fails `failures` times, then gives the synthetic scene's frames; counts closes. */
function flakySource(failures: number): FrameSource & { closed: number } {
  const inner = openSyntheticSource(() => noon);
  let left = failures;
  const source = {
    closed: 0,
    describe: () => 'flaky test source',
    async next(): Promise<Frame> {
      if (left-- > 0) throw new Error('device busy');
      return inner.next();
    },
    async close() {
      source.closed++;
    },
  };
  return source;
}

describe('record-loop', async () => {
  const root = await mkdtemp(join(tmpdir(), 'porthole-record-loop-'));
  after(() => rm(root, { recursive: true, force: true }));

  it('records JPEG frames from the synthetic source, one per interval, and refuses an existing loop', async () => {
    const out = join(root, 'synthetic');
    const said: string[] = [];
    const started = performance.now();
    const result = await recordLoop({
      source: openSyntheticSource(() => noon),
      frames: 3,
      intervalMs: 120,
      out,
      say: (line) => said.push(line),
    });
    const elapsed = performance.now() - started;
    assert.deepEqual(await readdir(out), ['frame-000.jpg', 'frame-001.jpg', 'frame-002.jpg']);
    assert.equal((await sharp(result.files[0]).metadata()).format, 'jpeg');
    // The source's own raw frames, byte for byte: nothing went through a relay.
    for (const [i, file] of result.files.entries()) {
      assert.ok((await readFile(file)).equals(await renderSyntheticFrame(i, noon)), file);
    }
    assert.equal(result.repeats, 0, 'someone is moving at the desk in the first frames');
    assert.ok(elapsed >= 2 * 120 - 10, `3 frames 120 ms apart took ${elapsed.toFixed(0)} ms`);
    assert.match(said[0] ?? '', /^recording 3 frames from synthetic scene .* every 120 ms into /, said[0]);
    await assert.rejects(
      recordLoop({ source: openSyntheticSource(), frames: 1, intervalMs: 50, out, say: () => {} }),
      /already holds a loop/,
    );
  });

  it('cycles through a --dir folder of 2 images, writing JPEGs (the PNG converted)', async () => {
    const dir = join(root, 'two-images');
    await mkdir(dir);
    await solid(220, 30, 30).png().toFile(join(dir, 'a.png'));
    await solid(30, 30, 220).jpeg({ quality: 95 }).toFile(join(dir, 'b.jpg'));
    const out = join(root, 'from-dir');
    const said: string[] = [];
    const result = await recordLoop({
      source: await openDirSource(dir),
      frames: 5,
      intervalMs: 100,
      out,
      say: (line) => said.push(line),
    });
    assert.deepEqual(
      await readdir(out),
      [0, 1, 2, 3, 4].map((i) => `frame-00${i}.jpg`),
    );
    for (const file of result.files) {
      const meta = await sharp(file).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 64, 48], file);
    }
    const [f0, f1, f2, f3, f4] = await Promise.all(result.files.map((file) => readFile(file)));
    const jpeg = await readFile(join(dir, 'b.jpg'));
    assert.ok(f1?.equals(jpeg) && f3?.equals(jpeg), 'the JPEG is kept byte for byte');
    assert.ok(f0?.equals(f2 as Buffer) && f2?.equals(f4 as Buffer), 'the PNG comes round again');
    assert.ok(!f0?.equals(jpeg));
    const [red, , blue] = await meanColour(result.files[0] as string);
    assert.ok((red ?? 0) > 180 && (blue ?? 255) < 80, `frame-000 is the red PNG (${red}, ${blue})`);
    const [red1, , blue1] = await meanColour(result.files[1] as string);
    assert.ok((blue1 ?? 0) > 180 && (red1 ?? 255) < 80, `frame-001 is the blue JPEG (${red1}, ${blue1})`);
    assert.equal(result.repeats, 0, 'no frame repeats the one just before');
    assert.match(said[1] ?? '', /from a\.png, as JPEG$/, said[1]);
    assert.match(said[2] ?? '', /from b\.jpg$/, said[2]);
  });

  it('gets over a failed frame, gives up after three in a row, and closes the source', async () => {
    const recovering = flakySource(2);
    const said: string[] = [];
    const result = await recordLoop({
      source: recovering,
      frames: 2,
      intervalMs: 100,
      out: join(root, 'flaky'),
      say: (line) => said.push(line),
    });
    assert.equal(result.files.length, 2);
    assert.equal(
      said.filter((line) => /could not get a frame from the source \(device busy\)/.test(line)).length,
      2,
    );
    assert.equal(recovering.closed, 1);

    const broken = flakySource(3);
    await assert.rejects(
      recordLoop({ source: broken, frames: 2, intervalMs: 100, out: join(root, 'broken'), say: () => {} }),
      /giving up: device busy/,
    );
    assert.equal(broken.closed, 1);
  });

  it('stops when the signal aborts, keeping the frames recorded so far', async () => {
    const controller = new AbortController();
    const out = join(root, 'stopped');
    const recording = recordLoop({
      source: openSyntheticSource(() => noon),
      frames: 10,
      intervalMs: 1000,
      out,
      signal: controller.signal,
      say: (line) => {
        if (line.startsWith('1/10 ')) controller.abort();
      },
    });
    await assert.rejects(recording, /recording stopped after 1 of 10 frames/);
    assert.deepEqual(await readdir(out), ['frame-000.jpg']);
  });

  it('runs as a CLI from a --dir folder and reports repeated frames as information only', async () => {
    const dir = join(root, 'one-image');
    await mkdir(dir);
    await solid(90, 120, 90).jpeg().toFile(join(dir, 'still.jpg'));
    const out = join(root, 'cli');
    const child = spawn(
      process.execPath,
      [BIN, 'record-loop', '--dir', dir, '--frames', '3', '--interval', '100ms', '--out', out],
      // An upload-only variable in the environment must not matter to record-loop.
      {
        env: { ...process.env, PORTHOLE_RELAY_URL: 'http://127.0.0.1:9/' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, output);
    assert.deepEqual(await readdir(out), ['frame-000.jpg', 'frame-001.jpg', 'frame-002.jpg']);
    assert.match(output, /recording 3 frames from folder .*one-image \(1 images, looping\)/, output);
    assert.match(
      output,
      /recorded 3 frames into .*; 2 frames were byte-identical to the frame before/,
      output,
    );
    assert.doesNotMatch(output, /camera uploads|GET \/latest/, output);
  });
});
