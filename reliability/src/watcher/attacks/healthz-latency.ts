/**
 * /healthz latency: a relay busy dressing a loop frame answers a little later. Each score is the share of
 * the last two seconds' health checks slower than the recording's 90th percentile.
 */
import { quantile } from '../stats.ts';
import type { Attack, Evidence } from './attack.ts';

const SPAN_MS = 2_000;

export const healthzLatency: Attack = {
  name: 'healthz latency',
  looksAt: 'share of /healthz answers over the 90th percentile, trailing 2 s',
  run({ recording }) {
    const samples = recording.healthz.filter((h) => h.status === 200);
    const slow = quantile(
      samples.map((h) => h.ms),
      0.9,
    );
    const evidence: Evidence[] = [];
    let from = 0;
    let over = 0;
    samples.forEach((sample, i) => {
      if (sample.ms > slow) over++;
      while (samples[from]!.at < sample.at - SPAN_MS) if (samples[from++]!.ms > slow) over--;
      evidence.push({ at: sample.at, score: over / (i - from + 1) });
    });
    return evidence;
  },
};
