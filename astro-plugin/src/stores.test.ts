import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

// A minimal localStorage, installed before the stores module reads it.
const saved = new Map<string, string>([['porthole:paused', '1']]);
Object.defineProperty(globalThis, 'localStorage', {
  configurable: true,
  value: {
    getItem: (key: string) => saved.get(key) ?? null,
    setItem: (key: string, value: string) => saved.set(key, value),
    removeItem: (key: string) => saved.delete(key),
  },
});
const { $paused, $feedState, pause, play } = await import('./stores.ts');

describe('stores', () => {
  it('restores the paused flag a previous visit left', () => {
    assert.equal($paused.get(), true);
  });
  it('persists pause and play', () => {
    play();
    assert.equal(saved.get('porthole:paused'), '0');
    pause();
    assert.equal(saved.get('porthole:paused'), '1');
  });
  it('forgets the choice when set back to undefined', () => {
    $paused.set(undefined);
    assert.equal(saved.has('porthole:paused'), false);
  });
  it('starts the feed as connecting', () => {
    assert.equal($feedState.get(), 'connecting');
  });
});
