import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ratio, table } from '../src/format.ts';

test('a ratio under 1 on a lower-is-better figure reads as a saving', () => {
  assert.equal(ratio(0.25), '0.25× (4.0× less)');
  assert.equal(ratio(0.8), '0.80× (1.25× less)');
});

test('a ratio over 1 on a lower-is-better figure says Porthole is behind', () => {
  assert.match(ratio(1.5), /Porthole behind/);
});

test('a throughput under its ceiling says Porthole is behind', () => {
  assert.match(ratio(0.5, false), /2\.0× less, \*\*Porthole behind\*\*/);
});

test('tables have a header, a rule and one line per row', () => {
  assert.equal(table(['a', 'b'], [[1, 2]]), '| a | b |\n| --- | --- |\n| 1 | 2 |');
});

test('a tiny ratio reads as a fraction', () => {
  assert.equal(ratio(1 / 20_000), '1/20,000 (20,000× less)');
});

test('a rate within its wider par band is par, and says how wide', () => {
  assert.equal(ratio(0.93, false, 0.1), '0.93× (par, within ±10 %)');
  assert.match(ratio(0.85, false, 0.1), /Porthole behind/);
});
