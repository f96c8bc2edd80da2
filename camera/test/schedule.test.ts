import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDuration } from '@porthole/protocol';
import { formatDuration } from '../src/format-duration.ts';
import { MAX_BACKOFF_MS, nextUploadDelay } from '../src/schedule.ts';

describe('durations', () => {
  it('reads ms, s, m, h and bare milliseconds', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('2s'), 2000);
    assert.equal(parseDuration('1.5s'), 1500);
    assert.equal(parseDuration('2m'), 120_000);
    assert.equal(parseDuration('1h'), 3_600_000);
    assert.equal(parseDuration('750'), 750);
  });

  it('rejects anything else', () => {
    for (const text of ['', 'fast', '2 seconds', '-1s', '1d'])
      assert.equal(parseDuration(text), undefined, text);
  });

  it('formats for the terminal', () => {
    assert.equal(formatDuration(42), '42 ms');
    assert.equal(formatDuration(2000), '2.0 s');
    assert.equal(formatDuration(600_000), '10 min');
  });
});

describe('next upload delay', () => {
  it('waits out the rest of the interval after a success', () => {
    assert.equal(nextUploadDelay(2000, 300, 0), 1700);
    assert.equal(nextUploadDelay(2000, 2500, 0), 0, 'a slow upload is followed at once');
  });

  it('doubles the pause with each consecutive failure', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((failures) => nextUploadDelay(2000, 0, failures)),
      [2000, 4000, 8000, 16000],
    );
  });

  it('never pauses longer than 30 s, or the interval when that is longer', () => {
    assert.equal(nextUploadDelay(2000, 0, 50), MAX_BACKOFF_MS);
    assert.equal(nextUploadDelay(60_000, 0, 5), 60_000);
  });
});
