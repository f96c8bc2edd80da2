/** The camera in a worker thread: drawing and encoding footage never delays the watcher's own timings. */
import { parentPort, workerData } from 'node:worker_threads';
import { createFootage } from '../footage/footage.ts';
import type { CameraSettings } from './camera.ts';
import { runCamera } from './camera-loop.ts';

const settings = workerData as CameraSettings;
let stopped = false;
parentPort!.on('message', (message) => {
  if (message === 'stop') stopped = true;
});
const footage = await createFootage({ seed: settings.seed, intervalMs: settings.intervalMs });
await runCamera({
  base: settings.base,
  footage,
  outages: settings.outages,
  stopped: () => stopped,
  onUpload: (upload) => parentPort!.postMessage({ type: 'upload', upload }),
  onFailure: () => parentPort!.postMessage({ type: 'failure' }),
});
parentPort!.postMessage({ type: 'stopped' });
