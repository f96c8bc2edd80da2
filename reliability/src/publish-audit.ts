/**
 * Exactly-once bookkeeping for a stream of distinct frames: after each upload settles, the frame on air
 * must be that upload's frame (pixels close to its source and closer to it than to its neighbours),
 * complete, published once (the sequence moved by exactly one), and never a frame seen before.
 */
import { fetchFrameOnAir, pixelDistance, SAME_FRAME, widestJpeg } from '@porthole/testing';

export interface PublishAudit {
  /** Check that frame `index` of `sources` is the one on air now, published exactly once. */
  expectOnAir(index: number): Promise<{ seq: number; distance: number }>;
  /** Frames confirmed so far. */
  readonly confirmed: number;
  /** Largest pixel distance seen between a published frame and its source. */
  readonly worstDistance: number;
}

export async function publishAudit(base: string, sources: Buffer[]): Promise<PublishAudit> {
  const seen = new Set<string>();
  const first = await fetchFrameOnAir(base);
  let lastSeq = first.seq;
  let wasLive = first.mode === 'live';
  let confirmed = 0;
  let worstDistance = 0;
  return {
    async expectOnAir(index) {
      const frame = await fetchFrameOnAir(base);
      if (frame.mode !== 'live') throw new Error(`frame ${index}: mode ${frame.mode}, expected live`);
      // Going live moves the pointer once by itself (off the loop), before the frame is published.
      if (frame.seq !== lastSeq + (wasLive ? 1 : 2)) {
        throw new Error(`frame ${index}: seq went ${lastSeq} → ${frame.seq}; exactly one publish expected`);
      }
      if (seen.has(frame.key)) throw new Error(`frame ${index}: a frame already published is back on air`);
      const image = widestJpeg(frame).data;
      const distance = await pixelDistance(image, sources[index]!);
      const neighbours = [sources[index - 1], sources[index + 1]].filter((s) => s !== undefined);
      for (const other of neighbours) {
        const d = await pixelDistance(image, other);
        if (d <= distance)
          throw new Error(`frame ${index}: on air looks like a neighbour (${d} ≤ ${distance})`);
      }
      if (distance > SAME_FRAME)
        throw new Error(`frame ${index}: ${distance.toFixed(1)} away from its source`);
      seen.add(frame.key);
      lastSeq = frame.seq;
      wasLive = true;
      confirmed++;
      worstDistance = Math.max(worstDistance, distance);
      return { seq: frame.seq, distance };
    },
    get confirmed() {
      return confirmed;
    },
    get worstDistance() {
      return worstDistance;
    },
  };
}
