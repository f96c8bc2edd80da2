/**
 * Bench 1b, bytes per viewer-minute while the camera is offline and the relay plays its pre-encoded loop.
 * The bench steps the loop itself (on a virtual clock, so no step is ever missed) and every viewer polls
 * once per step, as the `next` hint would have it at the real pace; figures are scaled to 30 steps a minute. Variants are immutable, so after one
 * lap a browser has every image cached and only the pointer travels: the first lap and the laps after it
 * are reported apart.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestRelay } from '@porthole/testing';
import { LOOP_DIR } from '../repository-loop.ts';
import { FRAMES_PER_MINUTE } from './bandwidth.ts';
import { CHOICES, createViewer } from './viewer.ts';

export interface LoopPlaybackRow {
  what: string;
  /** During the first lap, when every image is new to the viewer. */
  firstLapBytesPerMinute: number;
  /** After the first lap: images come from the browser cache. */
  laterBytesPerMinute: number;
  /** Later laps over the baseline's bytes, same steps. */
  vsBaseline: number;
}

export interface LoopPlaybackResult {
  steps: number;
  loopFrames: number;
  rows: LoopPlaybackRow[];
}

export async function benchLoopPlayback(stepsAfterFirstLap: number): Promise<LoopPlaybackResult> {
  const files = (await readdir(LOOP_DIR)).filter((f) => f.endsWith('.jpg')).sort();
  const sizes = await Promise.all(files.map(async (f) => (await stat(join(LOOP_DIR, f))).size));
  // An hour-long interval keeps the relay's own ticker from stepping the loop; the bench steps it.
  const interval = 3_600_000;
  const relay = await startTestRelay({ loopDir: LOOP_DIR, interval: '1h' });
  const frameUrl = new URL('frame', relay.url);
  const viewers = CHOICES.map((choice) => createViewer(frameUrl, choice));
  const lap = files.length;
  const later = Math.max(1, stepsAfterFirstLap);
  const baselineLap = sizes.reduce((a, b) => a + b, 0);
  const baseline = (baselineLap / lap) * FRAMES_PER_MINUTE;
  const firstLap = new Map(viewers.map((v) => [v, 0]));
  try {
    let clock = Date.now();
    for (let step = 0; step < lap + later; step++) {
      const seq = relay.feed.status().seq;
      clock += interval;
      relay.feed.tick(clock);
      if (relay.feed.status().seq === seq) throw new Error('the loop did not step');
      // The pointer moves once the relay's state is on disk.
      await relay.feed.settled();
      await Promise.all(viewers.map((v) => v.poll()));
      if (step === lap - 1) for (const v of viewers) firstLap.set(v, v.imageBytes + v.pointerBytes);
    }
    const perMinute = (bytes: number, count: number) => (bytes / count) * FRAMES_PER_MINUTE;
    return {
      steps: lap + later,
      loopFrames: lap,
      rows: [
        {
          what: 'loop JPEG every step (baseline)',
          firstLapBytesPerMinute: baseline,
          laterBytesPerMinute: baseline,
          vsBaseline: 1,
        },
        ...viewers.map((v) => {
          const first = firstLap.get(v)!;
          const rest = perMinute(v.imageBytes + v.pointerBytes - first, later);
          return {
            what: `Porthole ${v.choice.format} ${v.choice.width} + pointer`,
            firstLapBytesPerMinute: perMinute(first, lap),
            laterBytesPerMinute: rest,
            vsBaseline: rest / baseline,
          };
        }),
      ],
    };
  } finally {
    for (const v of viewers) v.close();
    await relay.dispose();
  }
}
