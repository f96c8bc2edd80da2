/** Waves from visitors: how many in the last minute (for the pointer) and since the camera's last upload. */

const WINDOW_MS = 60_000;

export type WaveCounter = ReturnType<typeof createWaveCounter>;

export function createWaveCounter() {
  // Timestamps of recent waves; the global wave rate limit keeps this short.
  let recent: number[] = [];
  let sinceUpload = 0;
  return {
    add(now: number): void {
      recent.push(now);
      sinceUpload++;
    },
    /** Waves in the last minute. */
    recent(now: number): number {
      if (recent.length > 0 && recent[0]! <= now - WINDOW_MS)
        recent = recent.filter((t) => t > now - WINDOW_MS);
      return recent.length;
    },
    /** Waves since the previous call: the camera blinks this many times after an upload. */
    takeSinceUpload(): number {
      const count = sinceUpload;
      sinceUpload = 0;
      return count;
    },
  };
}
