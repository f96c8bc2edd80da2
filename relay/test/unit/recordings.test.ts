import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRange } from '../../src/http/ranged-file.ts';
import type { PlaylistSegment } from '../../src/recordings/hls-playlist.ts';
import { livePlaylist } from '../../src/recordings/hls-playlist.ts';
import { addSegment, emptyWindow, playlistOf } from '../../src/recordings/hls-window.ts';
import { parseExcludedHours, sampleEveryMs } from '../../src/recordings/timelapse-schedule.ts';

const segment = (n: number, discontinuity = false): PlaylistSegment => ({
  uri: `s${n}.m4s`,
  durationMs: 6000,
  startedAt: n * 6000,
  initUri: discontinuity ? 'b.mp4' : 'a.mp4',
  discontinuity,
  bytes: 1000,
});

describe('the HLS window', () => {
  test('lists the newest segments, keeps as many more for late readers, then lets them go', () => {
    let state = emptyWindow();
    const gone: string[] = [];
    for (let n = 0; n < 25; n++) {
      const added = addSegment(state, segment(n), { listed: 10, maxBytes: 1e9 }, () => 500);
      state = added.state;
      gone.push(...added.unused);
    }
    const playlist = playlistOf(state, { listed: 10, maxBytes: 1e9 }, 6000);
    assert.equal(playlist.segments.length, 10);
    assert.equal(playlist.mediaSequence, 15);
    assert.equal(state.segments.length, 20);
    assert.deepEqual(gone, ['s0.m4s', 's1.m4s', 's2.m4s', 's3.m4s', 's4.m4s']);
  });

  test('the disk share cuts the window, never below three listed', () => {
    let state = emptyWindow();
    for (let n = 0; n < 12; n++)
      state = addSegment(state, segment(n), { listed: 10, maxBytes: 2500 }, () => 0).state;
    assert.equal(state.segments.length, 3);
  });

  test('a discontinuity that leaves the playlist moves the discontinuity sequence on', () => {
    let state = emptyWindow();
    const limits = { listed: 3, maxBytes: 1e9 };
    for (let n = 0; n < 10; n++) state = addSegment(state, segment(n, n === 2), limits, () => 0).state;
    const text = livePlaylist(playlistOf(state, limits, 6000));
    assert.match(text, /#EXT-X-DISCONTINUITY-SEQUENCE:1\n/);
    assert.doesNotMatch(text, /#EXT-X-DISCONTINUITY\n/);
  });
});

describe('timelapse schedule', () => {
  test('a day in a minute at 24 fps is a frame a minute', () =>
    assert.equal(sampleEveryMs(60_000, 24), 60_000));
  test('excluded hours wrap midnight', () => {
    assert.deepEqual(
      [...(parseExcludedHours('22-2,13') as Set<number>)].sort((a, b) => a - b),
      [0, 1, 13, 22, 23],
    );
    assert.match(parseExcludedHours('25') as string, /expected hours/);
  });
});

test('byte ranges: first, open-ended, suffix, and past the end', () => {
  assert.deepEqual(parseRange('bytes=0-99', 1000), [0, 99]);
  assert.deepEqual(parseRange('bytes=900-', 1000), [900, 999]);
  assert.deepEqual(parseRange('bytes=-100', 1000), [900, 999]);
  assert.equal(parseRange('bytes=1000-', 1000), 'unsatisfiable');
  assert.equal(parseRange(undefined, 1000), undefined);
});
