/** A camera uploading a frame every interval while a load test runs, cycling through the frames it is given. */
import { uploadFrame } from './upload.ts';

export interface CameraLoop {
  uploads: number;
  failures: number;
  /** Film something else from the next upload on (a moving scene, a still one). */
  film(frames: Buffer[]): void;
  stop(): Promise<void>;
}

export function startCameraLoop(
  base: string,
  token: string,
  frames: Buffer[],
  intervalMs = 2_000,
): CameraLoop {
  let stopped = false;
  let scene = frames;
  let next = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const camera: CameraLoop = {
    uploads: 0,
    failures: 0,
    film(frames) {
      scene = frames;
      next = 0;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
  const send = () => {
    if (stopped) return;
    const jpeg = scene[next++ % scene.length]!;
    inFlight = uploadFrame(base, token, jpeg).then(
      () => {
        camera.uploads++;
      },
      () => {
        camera.failures++;
      },
    );
  };
  const timer = setInterval(send, intervalMs);
  send();
  return camera;
}
