import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MOVING_SCRIPT, SCRIPT, shotLengths } from '../src/sequence.ts';

test('shot lengths add up to the requested frames, every shot at least one frame', () => {
  for (const frames of [7, 30, 90, 91]) {
    const lengths = shotLengths(frames);
    assert.equal(
      lengths.reduce((a, b) => a + b, 0),
      frames,
    );
    assert.ok(lengths.every((n) => n >= 1));
    assert.equal(lengths.length, SCRIPT.length);
  }
});

test('the realistic script is mostly still, the pipeline script never is', () => {
  const still = SCRIPT.filter((s) => s.kind === 'still').reduce((a, s) => a + s.share, 0);
  assert.ok(still >= 0.45 && still <= 0.65, `still share ${still}`);
  assert.ok(MOVING_SCRIPT.every((s) => s.kind !== 'still'));
});
