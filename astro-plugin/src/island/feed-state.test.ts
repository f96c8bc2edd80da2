import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { feedPolls, feedState } from './feed-state.ts';

describe('feedState', () => {
  it('connects, then plays once a live frame is on screen', () => {
    assert.equal(feedState(undefined, false, false, false), 'connecting');
    assert.equal(feedState(undefined, false, false, true), 'playing');
  });
  it('is paused whenever the visitor paused, whatever else holds', () => {
    for (const still of [true, false])
      for (const offline of [true, false]) assert.equal(feedState(true, still, offline, true), 'paused');
  });
  it('is still for reduced motion or Save-Data until the visitor presses play', () => {
    assert.equal(feedState(undefined, true, false, false), 'still');
    assert.equal(feedState(false, true, false, true), 'playing');
  });
  it('is offline when the relay serves its loop or cannot be reached', () => {
    assert.equal(feedState(undefined, false, true, true), 'offline');
    assert.equal(feedState(false, false, true, false), 'offline');
  });
  it('fetches nothing when paused or still', () => {
    assert.deepEqual((['connecting', 'playing', 'paused', 'offline', 'still'] as const).map(feedPolls), [
      true,
      true,
      false,
      true,
      false,
    ]);
  });
});
