/**
 * Bench 5b, the video path's latency on the relay side (the island does not play video yet, so there is
 * no Chromium glass-to-glass row for it): from the camera sending an upload to an up-to-date viewer's
 * held `GET /video/<seq>` answered, and to its chunk decoded (libaom in Node). Baseline, same uploads:
 * upload sent → pointer moved, the earliest a stills viewer could learn of the frame (it still has to
 * poll, then fetch the image). One upload every 2 s, as a camera sends them.
 */
import { startTestRelay, TOKEN } from '@porthole/testing';
import { HOLD_MS } from '../../../relay/src/delivery/video-route.ts';
import { LOOP_DIR } from '../repository-loop.ts';
import { percentile } from '../stats.ts';
import { uploadFrame } from '../upload.ts';
import { createVideoViewer } from './video-viewer.ts';

export interface VideoLatencyResult {
  samples: number;
  runReceivedP50Ms: number;
  runReceivedP95Ms: number;
  decodedP50Ms: number;
  decodedP95Ms: number;
  pointerMovedP50Ms: number;
  pointerMovedP95Ms: number;
  /** Why there is no glass-to-glass row in Chromium for the video path. */
  chromium: string;
}

const INTERVAL_MS = 2_000;

export async function benchVideoLatency(samples: number, moving: Buffer[]): Promise<VideoLatencyResult> {
  const relay = await startTestRelay({ loopDir: LOOP_DIR });
  let movedAt = 0;
  const histogram = relay.metrics.processing;
  const observe = histogram.observe.bind(histogram) as (seconds: number) => void;
  histogram.observe = ((seconds: number) => {
    observe(seconds);
    movedAt = performance.now();
  }) as typeof histogram.observe;
  const viewer = await createVideoViewer(relay.url, INTERVAL_MS, HOLD_MS);
  const received: number[] = [];
  const decoded: number[] = [];
  const moved: number[] = [];
  try {
    // The first frame switches the relay from its loop to the camera; the viewer joins on it.
    await uploadFrame(relay.url, TOKEN, moving[0]!);
    await relay.idle();
    await viewer.join(0);
    for (let i = 1; i <= samples; i++) {
      const sentAt = performance.now();
      const seqBefore = viewer.seq;
      await uploadFrame(relay.url, TOKEN, moving[i % moving.length]!);
      // Wait for the held run (every frame of the moving script is published), timing its arrival.
      const arrived = viewer.arrival();
      const runAt = await arrived;
      await viewer.catchUp(seqBefore + 1, i);
      const decodedAt = performance.now();
      await relay.idle();
      received.push(runAt - sentAt);
      decoded.push(decodedAt - sentAt);
      moved.push(movedAt - sentAt);
      await new Promise((r) => setTimeout(r, Math.max(0, sentAt + INTERVAL_MS - performance.now())));
    }
  } finally {
    await viewer.close();
    await relay.dispose();
  }
  return {
    samples: received.length,
    runReceivedP50Ms: percentile(received, 50),
    runReceivedP95Ms: percentile(received, 95),
    decodedP50Ms: percentile(decoded, 50),
    decodedP95Ms: percentile(decoded, 95),
    pointerMovedP50Ms: percentile(moved, 50),
    pointerMovedP95Ms: percentile(moved, 95),
    chromium:
      "the island's video path (WebCodecs, astro-plugin/src/island/) is not on this branch yet: the Chromium glass-to-glass row for video waits for it",
  };
}
