/**
 * The camera's loop: frame `k` of the footage uploaded over tus in slot `k` (so footage time follows wall
 * time, outages included); a late upload skips the slots it overran, like a real camera.
 */
import { uploadWithTus } from '@porthole/testing';
import type { Footage } from '../footage/footage.ts';
import type { CameraUpload } from '../recording.ts';

export interface Outage {
  fromMs: number;
  toMs: number;
}

export interface CameraLoopOptions {
  base: string;
  footage: Footage;
  /** Stretches (ms from the camera's start) in which it sends nothing, so the relay goes offline. */
  outages: Outage[];
  stopped: () => boolean;
  onUpload: (upload: CameraUpload) => void;
  onFailure: () => void;
}

export async function runCamera(options: CameraLoopOptions): Promise<void> {
  const { base, footage } = options;
  const startedAt = performance.now();
  const epochAtStart = Date.now();
  const inOutage = (ms: number) => options.outages.some((o) => ms >= o.fromMs && ms < o.toMs);
  let slot = 0;
  while (!options.stopped()) {
    const due = slot * footage.intervalMs;
    const jpeg = await footage.frame(slot);
    const wait = due - (performance.now() - startedAt);
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    if (options.stopped()) break;
    if (!inOutage(due)) {
      try {
        await uploadWithTus(base, jpeg);
        options.onUpload({
          at: epochAtStart + (performance.now() - startedAt),
          index: slot,
          moving: footage.script.movingAt(footage.timeOf(slot)),
        });
      } catch {
        options.onFailure();
      }
    }
    slot = Math.max(slot + 1, Math.floor((performance.now() - startedAt) / footage.intervalMs));
  }
}
