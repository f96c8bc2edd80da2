import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeMode, formatBytes, previewVariant, uploadRows } from '../src/preview/relay-status.ts';

describe('owner preview helpers', () => {
  it('lists uploads newest first with the gap since the one before', () => {
    const now = Date.parse('2025-06-01T09:30:10Z');
    const rows = uploadRows(['2025-06-01T09:30:02.000Z', '2025-06-01T09:30:06.500Z', 'garbage'], now);
    assert.deepEqual(rows, [
      { at: '2025-06-01T09:30:06.500Z', agoSeconds: 4, gapSeconds: 4.5 },
      { at: '2025-06-01T09:30:02.000Z', agoSeconds: 8, gapSeconds: undefined },
    ]);
  });

  it('shows the widest JPEG as the current frame', () => {
    const variant = (format: string, width: number) => ({
      format,
      width,
      height: width * 0.75,
      bytes: 1,
      url: '',
    });
    const chosen = previewVariant([variant('avif', 640), variant('jpeg', 320), variant('jpeg', 640)]);
    assert.deepEqual([chosen?.format, chosen?.width], ['jpeg', 640]);
    assert.equal(previewVariant([variant('webp', 320)])?.format, 'webp', 'falls back to any format');
    assert.equal(previewVariant([]), undefined);
  });

  it('formats sizes and modes for people', () => {
    assert.equal(formatBytes(812), '812 B');
    assert.equal(formatBytes(3557), '3.5 kB');
    assert.match(describeMode('offline'), /loop/);
  });
});
