import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '@porthole/testing';
import { frameIsUnchanged, THUMB_HEIGHT, THUMB_WIDTH } from '../../src/pipeline/change.ts';
import { applyMasks, parseMasks } from '../../src/pipeline/masks.ts';
import { latestWins } from '../../src/publish/latest-wins.ts';

const thumb = (fill: (i: number) => number) =>
  Buffer.from(Array.from({ length: THUMB_WIDTH * THUMB_HEIGHT }, (_, i) => fill(i)));

test('the change check ignores sensor noise but sees a hand, a lamp, or a first frame', () => {
  const random = seededRandom(1);
  const scene = thumb((i) => 60 + (i % 97));
  const noisy = thumb((i) => scene[i]! + Math.round((random() - 0.5) * 6));
  assert.equal(frameIsUnchanged(scene, noisy), true, 'noise');
  const hand = Buffer.from(scene);
  for (let y = 10; y < 16; y++) for (let x = 20; x < 26; x++) hand[y * THUMB_WIDTH + x] = 220;
  assert.equal(frameIsUnchanged(scene, hand), false, 'a hand');
  assert.equal(
    frameIsUnchanged(
      scene,
      thumb((i) => scene[i]! + 4),
    ),
    false,
    'the lamp',
  );
  assert.equal(frameIsUnchanged(undefined, scene), false, 'nothing published yet');
});

test('latest wins: while one item is processed only the newest waiting one survives', async () => {
  const done: number[] = [];
  const dropped: number[] = [];
  let release: () => void = () => {};
  const queue = latestWins<number>(
    async (n) => {
      if (n === 1) await new Promise<void>((r) => (release = r));
      done.push(n);
    },
    (n) => dropped.push(n),
  );
  for (const n of [1, 2, 3, 4]) queue.submit(n);
  release();
  await queue.idle();
  assert.deepEqual(done, [1, 4]);
  assert.deepEqual(dropped, [2, 3]);
});

test('a failing item does not stop the ones after it', async () => {
  const done: number[] = [];
  const queue = latestWins<number>(async (n) => {
    if (n === 1) throw new Error('boom');
    done.push(n);
  });
  queue.submit(1);
  await queue.idle();
  queue.submit(2);
  await queue.idle();
  assert.deepEqual(done, [2]);
});

test('masks parse from text, and hide what they cover before any variant exists', () => {
  assert.deepEqual(parseMasks('0.5,0,0.5,0.5:fill; 0,0.5,0.25,0.5'), [
    { x: 0.5, y: 0, w: 0.5, h: 0.5, style: 'fill' },
    { x: 0, y: 0.5, w: 0.25, h: 0.5, style: 'blur' },
  ]);
  assert.match(String(parseMasks('1,2,3')), /expected masks like/);
  assert.match(String(parseMasks('0,0,1,1:smudge')), /expected masks like/);

  const width = 40;
  const height = 40;
  const detail = Buffer.from(Array.from({ length: width * height }, (_, i) => (i * 37) % 256));
  const image = { data: Buffer.from(detail), width, height, channels: 1 };
  applyMasks(image, [
    { x: 0.5, y: 0, w: 0.5, h: 0.5, style: 'fill' },
    { x: 0, y: 0.5, w: 0.5, h: 0.5, style: 'blur' },
  ]);
  const at = (x: number, y: number) => image.data[y * width + x]!;
  assert.equal(at(30, 5), 24, 'filled flat');
  assert.equal(at(39, 19), 24);
  const cell = new Set<number>();
  for (let y = 20; y < 25; y++) for (let x = 0; x < 5; x++) cell.add(at(x, y));
  assert.equal(cell.size, 1, 'one flat level per mosaic cell: no detail survives');
  assert.equal(at(5, 5), detail[5 * width + 5], 'outside the masks nothing changes');
});
