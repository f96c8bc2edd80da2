/** The feed's mode rule: the owner's pause wins, then a camera silent for too long is offline. */
import type { FeedMode } from '@porthole/protocol';

export function currentMode(
  paused: boolean,
  lastFrameAt: number,
  offlineAfterMs: number,
  now: number,
): FeedMode {
  if (paused) return 'paused';
  return now - lastFrameAt > offlineAfterMs ? 'offline' : 'live';
}
