import { setTimeout as sleep } from 'node:timers/promises';
import { nextUploadDelay } from './schedule.ts';
import type { FrameSource } from './sources/frame-source.ts';
import type { CameraLog } from './terminal-log.ts';
import { type UploadTarget, uploadFrame } from './upload/upload-frame.ts';

export interface RunCameraOptions extends UploadTarget {
  intervalMs: number;
  /** Stop after this many successful uploads; 0 runs until `signal` aborts. */
  count: number;
  source: FrameSource;
  log: CameraLog;
  signal?: AbortSignal;
}

export interface RunSummary {
  uploaded: number;
  failed: number;
  waves: number;
}

/**
 * Uploads a frame from the source every interval until `count` uploads succeeded or the
 * signal aborts. Failures are reported and retried with a growing pause; they never end the run.
 */
export async function runCamera(options: RunCameraOptions): Promise<RunSummary> {
  const { source, log, signal } = options;
  const summary: RunSummary = { uploaded: 0, failed: 0, waves: 0 };
  let failures = 0;
  let seq = 0;
  log.started(options.relay, options.intervalMs, source.describe());
  while (!signal?.aborted && (options.count === 0 || summary.uploaded < options.count)) {
    const started = performance.now();
    seq++;
    try {
      const frame = await source.next();
      const result = await uploadFrame(
        frame,
        options,
        {
          onProgress: (sent, total) => log.progress(seq, sent, total),
          onResume: (attempt, delayMs, reason) => log.resuming(seq, attempt, delayMs, reason),
        },
        signal,
      );
      failures = 0;
      summary.uploaded++;
      summary.waves += result.waves;
      log.uploaded(seq, frame.name, result);
    } catch (error) {
      if (signal?.aborted) break;
      failures++;
      summary.failed++;
      const reason = error instanceof Error ? error.message : String(error);
      log.failed(seq, reason, nextUploadDelay(options.intervalMs, 0, failures));
    }
    if (options.count !== 0 && summary.uploaded >= options.count) break;
    const delay = nextUploadDelay(options.intervalMs, performance.now() - started, failures);
    try {
      await sleep(delay, undefined, { signal });
    } catch {
      break; // aborted while waiting
    }
  }
  await source.close();
  return summary;
}
