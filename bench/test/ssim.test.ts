import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type GrayImage, ssim } from '../src/ssim.ts';

function image(width: number, height: number, pixel: (x: number, y: number) => number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = pixel(x, y);
  return { data, width, height };
}

const texture = (x: number, y: number) => Math.round(128 + 60 * Math.sin(x / 5) * Math.cos(y / 7));

test('an image is perfectly similar to itself', () => {
  const a = image(64, 48, texture);
  assert.equal(ssim(a, a), 1);
});

test('noise lowers similarity, and more noise lowers it more', () => {
  const a = image(64, 48, texture);
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  };
  const noisy = (amount: number) =>
    image(64, 48, (x, y) => Math.max(0, Math.min(255, texture(x, y) + Math.round(rand() * amount))));
  const light = ssim(a, noisy(10));
  const heavy = ssim(a, noisy(80));
  assert.ok(light < 1 && light > 0.8, `light noise gave ${light}`);
  assert.ok(heavy < light, `heavy noise ${heavy} should be below light noise ${light}`);
});

test('a flat image against its inverse structure scores far below a match', () => {
  const a = image(32, 32, texture);
  const b = image(32, 32, (x, y) => 255 - texture(x, y));
  assert.ok(ssim(a, b) < 0);
});

test('refuses images of different sizes', () => {
  assert.throws(() => ssim(image(20, 20, texture), image(21, 20, texture)), /equal sizes/);
});
