import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, hintedDelay, retryAfterMs } from './poll-delay.ts';

describe('hintedDelay', () => {
  it('follows the relay hint inside the bounds', () => {
    assert.equal(hintedDelay(2000, 1000, 30_000), 2000);
  });
  it('holds a too-eager hint at the lower bound and a lazy one at the upper bound', () => {
    assert.equal(hintedDelay(10, 1000, 30_000), 1000);
    assert.equal(hintedDelay(600_000, 1000, 30_000), 30_000);
  });
  it('polls at the lower bound when the hint is missing or nonsense', () => {
    for (const hint of [undefined, null, -5, 'soon', Number.NaN])
      assert.equal(hintedDelay(hint, 1000, 30_000), 1000);
  });
});

describe('backoffDelay', () => {
  it('doubles per failure from the minimum, between half and all of the step', () => {
    assert.equal(
      backoffDelay(0, 1000, 60_000, 0, () => 0),
      500,
    );
    assert.equal(
      backoffDelay(0, 1000, 60_000, 0, () => 1),
      1000,
    );
    assert.equal(
      backoffDelay(3, 1000, 60_000, 0, () => 1),
      8000,
    );
    assert.equal(
      backoffDelay(3, 1000, 60_000, 0, () => 0),
      4000,
    );
  });
  it('never exceeds the cap however many failures', () => {
    for (let failures = 0; failures < 60; failures++) {
      assert.ok(backoffDelay(failures, 1000, 60_000, 0, () => 0.999) <= 60_000);
    }
    assert.equal(
      backoffDelay(1000, 1000, 60_000, 0, () => 1),
      60_000,
    );
  });
  it('spreads a crowd of visitors instead of retrying in step', () => {
    const delays = new Set(Array.from({ length: 50 }, () => Math.round(backoffDelay(4, 1000, 60_000))));
    assert.ok(delays.size > 40, `only ${delays.size} distinct delays`);
  });
  it('waits at least as long as the relay asked with Retry-After', () => {
    assert.equal(
      backoffDelay(0, 1000, 60_000, 120_000, () => 0),
      120_000,
    );
    assert.equal(
      backoffDelay(5, 1000, 60_000, 2000, () => 1),
      32_000,
    );
  });
});

describe('retryAfterMs', () => {
  it('reads seconds', () => assert.equal(retryAfterMs('7'), 7000));
  it('reads an HTTP date', () => {
    const now = Date.parse('Tue, 25 Nov 2025 10:00:00 GMT');
    assert.equal(retryAfterMs('Tue, 25 Nov 2025 10:00:30 GMT', now), 30_000);
  });
  it('ignores absent, past and unreadable values', () => {
    for (const header of [null, '', 'later', '-3', 'Tue, 25 Nov 2000 10:00:00 GMT'])
      assert.equal(retryAfterMs(header), 0);
  });
  it('waits at most an hour whatever the relay says', () => assert.equal(retryAfterMs('999999'), 3_600_000));
});
