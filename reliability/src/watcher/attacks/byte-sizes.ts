/**
 * Byte sizes: each live frame's variant sizes (the pointer's `bytes` and the `Content-Length` served,
 * and its video chunk's `bytes`) against the frames shown before it. Another scene, another grain or a frame compressed twice encodes
 * to another size, whatever its pixels look like.
 */
import { robustZ } from '../stats.ts';
import type { Attack, Evidence } from './attack.ts';

const HISTORY = 20;
const WARMUP = 5;

export const byteSizes: Attack = {
  name: 'byte sizes',
  looksAt: 'log bytes per format (pointer and Content-Length), robust z against the previous 20 live frames',
  run({ frames }) {
    const history = new Map<string, number[]>();
    const evidence: Evidence[] = [];
    for (const frame of frames) {
      if (frame.mode !== 'live') continue;
      const sizes = {
        ...prefixed('bytes', frame.bytes),
        ...prefixed('length', frame.contentLength),
      };
      let score = Number.NEGATIVE_INFINITY;
      for (const [key, bytes] of Object.entries(sizes)) {
        const past = history.get(key) ?? [];
        const value = Math.log(bytes);
        if (past.length >= WARMUP) score = Math.max(score, Math.abs(robustZ(value, past, 0.003)));
        past.push(value);
        if (past.length > HISTORY) past.shift();
        history.set(key, past);
      }
      if (Number.isFinite(score)) evidence.push({ at: frame.at, score });
    }
    return evidence;
  },
};

function prefixed(prefix: string, sizes: Partial<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [format, bytes] of Object.entries(sizes))
    if (bytes !== undefined) out[`${prefix} ${format}`] = bytes;
  return out;
}
