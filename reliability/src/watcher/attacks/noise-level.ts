/**
 * Noise level: a live frame's grain against the frames shown before it. A camera's sensor noise is what
 * it is; a loop frame with grain added on top (or a frame compressed twice, which smooths it) is not.
 */
import { robustZ } from '../stats.ts';
import type { Attack, Evidence } from './attack.ts';
import { noisePrint } from './noise-print.ts';

/** Live frames the baseline is made of, and how many it needs before it judges. */
const HISTORY = 20;
const WARMUP = 5;

export const noiseLevel: Attack = {
  name: 'noise level',
  looksAt: 'mean small high-pass residual of each live frame, robust z against the previous 20',
  run({ frames }) {
    const history: number[] = [];
    const evidence: Evidence[] = [];
    for (const frame of frames) {
      if (frame.mode !== 'live') continue;
      const level = Math.log(Math.max(noisePrint(frame).level, 0.05));
      if (history.length >= WARMUP)
        evidence.push({ at: frame.at, score: Math.abs(robustZ(level, history, 0.005)) });
      history.push(level);
      if (history.length > HISTORY) history.shift();
    }
    return evidence;
  },
};
