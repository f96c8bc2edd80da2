/** After a restart, only frames whose every file survived (a crash can interrupt a publish) go back on air. */
import type { FrameStore } from './frame-store.ts';
import type { PublishedFrame } from './state.ts';

export async function intactHistory(
  history: PublishedFrame[],
  frames: FrameStore,
): Promise<PublishedFrame[]> {
  const intact: PublishedFrame[] = [];
  for (const frame of history) {
    const present = await Promise.all(frame.variants.map((v) => frames.get(v.name)));
    if (!present.every(Boolean)) continue;
    // A lost chunk costs only the video of that frame: a key of its still replaces it on air.
    const { chunk, ...still } = frame;
    intact.push(chunk && (await frames.get(chunk.name)) ? frame : still);
  }
  return intact;
}
