import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublicVariant } from '@porthole/protocol';
import { pickVariant } from './variant.ts';

const v = (format: PublicVariant['format'], width: number): PublicVariant => ({
  format,
  width,
  height: (width * 3) / 4,
  bytes: width * 10,
  url: `frames/a-${width}.${format}`,
});
const variants = [
  v('jpeg', 640),
  v('jpeg', 320),
  v('avif', 320),
  v('avif', 640),
  v('webp', 320),
  v('webp', 640),
];

describe('pickVariant', () => {
  it('picks the smallest variant of the format that covers the element', () => {
    assert.deepEqual(pickVariant(variants, 'avif', 300), v('avif', 320));
    assert.deepEqual(pickVariant(variants, 'webp', 321), v('webp', 640));
  });
  it('picks the largest when nothing is wide enough', () => {
    assert.deepEqual(pickVariant(variants, 'avif', 2560), v('avif', 640));
  });
  it('falls back to JPEG when the format is not offered', () => {
    assert.deepEqual(pickVariant([v('jpeg', 320), v('jpeg', 640)], 'avif', 500), v('jpeg', 640));
  });
  it('gives nothing for an empty list', () => {
    assert.equal(pickVariant([], 'jpeg', 100), undefined);
  });
});
