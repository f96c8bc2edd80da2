import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, openAv1Decoder } from '@porthole/testing';
import type { RawImage } from '../../src/pipeline/masks.ts';
import { openStreamEncoder, type StreamEncoder } from '../../src/video/encoder.ts';
import { idleClosingEncoder } from '../../src/video/idle-encoder.ts';
import { createTape } from '../../src/video/tape.ts';

/** A 640×480 gray test picture: a bright square that moves with `n`. */
function picture(n: number, channels = 1): RawImage {
  const width = 640;
  const height = 480;
  const data = Buffer.alloc(width * height * channels, 60);
  for (let y = 100; y < 200; y++)
    for (let x = 40 + n * 20; x < 140 + n * 20; x++)
      data.fill(220, (y * width + x) * channels, (y * width + x + 1) * channels);
  return { data, width, height, channels };
}

const meanDiff = (a: Buffer, b: Buffer, channels: number) => {
  let sum = 0;
  for (let i = 0; i < b.length; i++) sum += Math.abs(a[i * channels]! - b[i]!);
  return sum / b.length;
};

test('chunks decode back to the pictures, gray or colour, keys where asked and deltas between', async () => {
  for (const channels of [1, 3]) {
    const encoder = await openStreamEncoder();
    const decoder = await openAv1Decoder();
    try {
      for (let n = 0; n < 4; n++) {
        const image = picture(n, channels);
        const chunk = await encoder.encode(image, n === 0);
        assert.equal(chunk.key, n === 0, `frame ${n}: ${chunk.key ? 'key' : 'delta'}`);
        const decoded = await decoder.decode(chunk.data, chunk.key);
        assert.equal(decoded.width, 640);
        assert.equal(decoded.height, 480);
        const diff = meanDiff(image.data, decoded.gray, channels);
        assert.ok(
          diff < 4,
          `frame ${n} (${channels} channels) decodes ${diff.toFixed(2)} away from its picture`,
        );
      }
    } finally {
      await decoder.close();
      await encoder.close();
    }
  }
});

test('an odd size is cropped to even, and a size change starts with a key', async () => {
  const encoder = await openStreamEncoder();
  try {
    await encoder.encode(picture(0), true);
    const odd = { data: Buffer.alloc(321 * 241, 128), width: 321, height: 241, channels: 1 };
    const chunk = await encoder.encode(odd, false);
    assert.equal(chunk.key, true);
    const decoded = await (await openAv1Decoder()).decode(chunk.data, true);
    assert.deepEqual([decoded.width, decoded.height], [320, 240]);
  } finally {
    await encoder.close();
  }
});

test('an idle encoder lets its worker go, and the next frame opens a new one with a key', async () => {
  let opened = 0;
  let closed = 0;
  const open = async (): Promise<StreamEncoder> => {
    const encoder = await openStreamEncoder();
    opened++;
    return {
      encode: encoder.encode,
      close: async () => {
        closed++;
        await encoder.close();
      },
    };
  };
  const encoder = idleClosingEncoder(await open(), open, 300);
  try {
    assert.equal((await encoder.encode(picture(0), true)).key, true);
    assert.equal((await encoder.encode(picture(1), false)).key, false, 'busy: the same stream goes on');
    await eventually(async () => closed === 1);
    const after = await encoder.encode(picture(2), false);
    assert.equal(opened, 2);
    assert.equal(after.key, true, 'a new worker starts a new stream');
  } finally {
    await encoder.close();
  }
});

test('the tape answers a viewer with the chunks after its seq, or from the newest key', async () => {
  const tape = createTape();
  const chunk = (name: string, key: boolean, after?: string) => ({
    chunk: { name, bytes: 1, key, width: 2, height: 2, ...(after ? { after } : {}) },
    data: Buffer.from(name),
    mode: 'live' as const,
  });
  assert.equal(tape.accepts(chunk('a', false).chunk), false, 'an empty tape takes only a key');
  tape.record({ seq: 1, ...chunk('k1', true) });
  tape.record({ seq: 2, ...chunk('d2', false, 'k1') });
  tape.record({ seq: 3, ...chunk('d3', false, 'd2') });
  assert.equal(tape.accepts(chunk('x', false, 'd2').chunk), false, 'a delta from elsewhere does not follow');
  assert.throws(() => tape.record({ seq: 4, ...chunk('x', false, 'd2') }));
  const seqs = (seq: number) => tape.after(seq).map((e) => e.seq);
  assert.deepEqual(seqs(2), [3]);
  assert.deepEqual(seqs(0), [1, 2, 3], 'unknown: from the key');
  assert.deepEqual(seqs(3), []);
  tape.record({ seq: 4, ...chunk('k4', true) });
  tape.record({ seq: 5, ...chunk('d5', false, 'k4') });
  assert.deepEqual(seqs(2), [4, 5], 'a key since: from it, not the deltas before it');
  let woke = false;
  const waiting = tape.newerThan(5, 60_000).then(() => (woke = true));
  assert.equal(woke, false);
  tape.record({ seq: 6, ...chunk('d6', false, 'd5') });
  await waiting;
  assert.equal(woke, true);
});
