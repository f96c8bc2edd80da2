/**
 * Bench 2, the frame pipeline: from upload complete to pointer moved, per frame, one frame at a time (so
 * nothing is dropped by latest-wins), and the CPU the relay process spent per frame (process.cpuUsage
 * counts every thread, so sharp's workers and the video encoder's worker thread are included; the
 * main thread's own share is kept beside it, as the proof). The relay runs in this process for that
 * reason; the uploading client's own share is a few HTTP requests and is included too. Run with the
 * relay's video path on and off.
 */
import { startTestRelay, TOKEN } from '@porthole/testing';
import { LOOP_DIR } from '../repository-loop.ts';
import { mean, percentile } from '../stats.ts';
import { uploadFrame } from '../upload.ts';

export interface PipelineResult {
  input: string;
  /** Whether the relay also encoded the AV1 stream (absent in runs from before the video path: off). */
  video?: boolean;
  frames: number;
  inputMeanBytes: number;
  /** As the relay measures it: upload received to pointer moved (its porthole_processing_seconds). */
  relayP50Ms: number;
  relayP95Ms: number;
  /** As the camera side sees it: upload request sent to pointer moved (adds transfer and tus handling). */
  clientP50Ms: number;
  clientP95Ms: number;
  cpuSecondsPerFrame: number;
  /** The main thread alone (process.threadCpuUsage): the rest ran on other threads. */
  mainThreadCpuSecondsPerFrame?: number;
}

/** Node ≥ 23.9: CPU time of the calling thread only. */
const threadCpuUsage = (process as { threadCpuUsage?: (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage })
  .threadCpuUsage;

const WARM_UP = 3;

export async function benchPipeline(input: string, jpegs: Buffer[], video: boolean): Promise<PipelineResult> {
  const relay = await startTestRelay({ loopDir: LOOP_DIR, video });
  const relayMs: number[] = [];
  const clientMs: number[] = [];
  let movedAt = 0;
  // The relay observes its processing histogram once the pointer has moved (state saved, pointer swapped).
  const histogram = relay.metrics.processing;
  const observe = histogram.observe.bind(histogram) as (seconds: number) => void;
  histogram.observe = ((seconds: number) => {
    observe(seconds);
    movedAt = performance.now();
    relayMs.push(seconds * 1000);
  }) as typeof histogram.observe;
  try {
    for (const jpeg of jpegs.slice(0, WARM_UP)) {
      await uploadFrame(relay.url, TOKEN, jpeg);
      await relay.idle();
    }
    relayMs.length = 0;
    const measured = jpegs.slice(WARM_UP);
    const cpuBefore = process.cpuUsage();
    const threadBefore = threadCpuUsage?.call(process);
    for (const jpeg of measured) {
      const sentAt = performance.now();
      await uploadFrame(relay.url, TOKEN, jpeg);
      await relay.idle();
      clientMs.push(movedAt - sentAt);
    }
    const cpu = process.cpuUsage(cpuBefore);
    const thread = threadBefore && threadCpuUsage?.call(process, threadBefore);
    if (relayMs.length !== measured.length)
      throw new Error(`expected ${measured.length} published frames, saw ${relayMs.length}`);
    const seconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6 / measured.length;
    return {
      input,
      video,
      frames: measured.length,
      inputMeanBytes: mean(measured.map((j) => j.length)),
      relayP50Ms: percentile(relayMs, 50),
      relayP95Ms: percentile(relayMs, 95),
      clientP50Ms: percentile(clientMs, 50),
      clientP95Ms: percentile(clientMs, 95),
      cpuSecondsPerFrame: seconds(cpu),
      ...(thread ? { mainThreadCpuSecondsPerFrame: seconds(thread) } : {}),
    };
  } finally {
    await relay.dispose();
  }
}
