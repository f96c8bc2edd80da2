/**
 * Repetition: is a frame shown as live a near-copy of something seen before (the loop while offline, an
 * earlier window, any earlier frame)? Each live frame's noise print is compared with every earlier
 * frame's; the closest, against the typical distance between consecutive live frames (the noise floor),
 * is the score. The same picture under a new seq (its URL seen before) is a copy outright.
 */
import { median } from '../stats.ts';
import type { Attack, Evidence } from './attack.ts';
import { livePairs } from './attack.ts';
import { type NoisePrint, noisePrint, printDistance } from './noise-print.ts';

const EXACT_COPY = 10;

export const repetition: Attack = {
  name: 'repetition',
  looksAt: 'each live frame against every earlier frame (loop seen offline included), by noise print',
  run({ frames }) {
    const prints = frames.map(noisePrint);
    const index = new Map(frames.map((f, i) => [f, i]));
    const floor = median(
      livePairs(frames).map(([a, b]) => printDistance(prints[index.get(a)!]!, prints[index.get(b)!]!)),
    );
    const evidence: Evidence[] = [];
    const seenUrls = new Set<string>();
    frames.forEach((frame, i) => {
      const copy = seenUrls.has(frame.url);
      seenUrls.add(frame.url);
      if (frame.mode !== 'live' || i === 0) return;
      if (copy) {
        evidence.push({ at: frame.at, score: EXACT_COPY });
        return;
      }
      const closest = closestEarlier(prints, i);
      evidence.push({ at: frame.at, score: Math.log(floor / Math.max(closest, 1e-6)) });
    });
    return evidence;
  },
};

function closestEarlier(prints: NoisePrint[], i: number): number {
  let best = Number.POSITIVE_INFINITY;
  const print = prints[i]!;
  for (let j = 0; j < i; j++) {
    if (prints[j]!.values.length !== print.values.length) continue;
    best = Math.min(best, printDistance(print, prints[j]!));
  }
  return best;
}
