/** The camera, run in a worker thread, and what it reports back: when each upload completed. */
import { Worker } from 'node:worker_threads';
import type { CameraUpload } from '../recording.ts';
import type { Outage } from './camera-loop.ts';

export interface CameraSettings {
  base: string;
  /** The footage's seed and interval. */
  seed: number;
  intervalMs: number;
  outages: Outage[];
}

export interface Camera {
  uploads: CameraUpload[];
  failures(): number;
  /** Stop after the upload in flight; resolves once the worker is gone. */
  stop(): Promise<void>;
}

type CameraMessage = { type: 'upload'; upload: CameraUpload } | { type: 'failure' } | { type: 'stopped' };

export function startCamera(settings: CameraSettings): Camera {
  const worker = new Worker(new URL('./camera-worker.ts', import.meta.url), { workerData: settings });
  const uploads: CameraUpload[] = [];
  let failures = 0;
  const ended = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: CameraMessage) => {
      if (message.type === 'upload') uploads.push(message.upload);
      else if (message.type === 'failure') failures++;
      else resolve();
    });
    worker.once('error', reject);
    worker.once('exit', () => resolve());
  });
  let stopping: Promise<void> | undefined;
  return {
    uploads,
    failures: () => failures,
    stop() {
      stopping ??= (async () => {
        worker.postMessage('stop');
        await ended.catch(() => {});
        await worker.terminate();
      })();
      return stopping;
    },
  };
}
