import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBytes, parseDuration } from '../src/index.ts';

describe('parseDuration', () => {
  it('reads ms, s, m and h, fractions included', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('2s'), 2000);
    assert.equal(parseDuration('1.5s'), 1500);
    assert.equal(parseDuration('1.5m'), 90_000);
    assert.equal(parseDuration('1h'), 3_600_000);
  });

  it('reads a bare number, written or given, as milliseconds', () => {
    assert.equal(parseDuration('750'), 750);
    assert.equal(parseDuration('2000'), 2000);
    assert.equal(parseDuration(400), 400);
    assert.equal(parseDuration(0), 0);
  });

  it('ignores spaces around the value and between number and unit', () => {
    assert.equal(parseDuration(' 10s '), 10_000);
    assert.equal(parseDuration('10 s'), 10_000);
  });

  it('rounds to whole milliseconds', () => {
    assert.equal(parseDuration('0.0004s'), 0);
    assert.equal(parseDuration('1.5ms'), 2);
    assert.equal(parseDuration(2.4), 2);
  });

  it('rejects upper-case units, so m (minutes) is never mistaken for M', () => {
    for (const text of ['2S', '2MS', '1M', '1H']) assert.equal(parseDuration(text), undefined, text);
  });

  it('rejects words, signs, unknown units and non-finite numbers', () => {
    for (const text of ['', ' ', 'fast', 'ten seconds', '2 seconds', '-1s', '+1s', '1d', '1e3', '.5s', 's']) {
      assert.equal(parseDuration(text), undefined, JSON.stringify(text));
    }
    for (const value of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.equal(parseDuration(value), undefined, String(value));
    }
  });
});

describe('parseBytes', () => {
  it('reads B, kB, MB and GB in any case as binary multiples', () => {
    assert.equal(parseBytes('4MB'), 4 * 1024 * 1024);
    assert.equal(parseBytes('512kB'), 512 * 1024);
    assert.equal(parseBytes('512KB'), 512 * 1024);
    assert.equal(parseBytes('1gb'), 1024 ** 3);
    assert.equal(parseBytes('1.5 MB'), 1.5 * 1024 * 1024);
    assert.equal(parseBytes('100b'), 100);
  });

  it('reads a bare number, written or given, as bytes', () => {
    assert.equal(parseBytes('12'), 12);
    assert.equal(parseBytes(1_048_576), 1_048_576);
  });

  it('rejects words, signs, unknown units and fractional byte counts', () => {
    for (const text of ['', 'lots', '-1MB', '4 megabytes', '1TB', '1KiB']) {
      assert.equal(parseBytes(text), undefined, JSON.stringify(text));
    }
    for (const value of [-1, 1.5, Number.NaN]) assert.equal(parseBytes(value), undefined, String(value));
  });
});
