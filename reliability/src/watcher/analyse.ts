/** From a watched run to one detector result per attack: decode, bin, run every attack, score it. */
import type { Attack } from './attacks/attack.ts';
import { byteSizes } from './attacks/byte-sizes.ts';
import { cadence } from './attacks/cadence.ts';
import { healthzLatency } from './attacks/healthz-latency.ts';
import {
  metricsCpu,
  metricsEventLoop,
  metricsGc,
  metricsProcessing,
} from './attacks/metrics-side-channel.ts';
import { noiseLevel } from './attacks/noise-level.ts';
import { repetition } from './attacks/repetition.ts';
import { seamsLight, seamsPerson } from './attacks/seams.ts';
import { decodeFrames } from './frames.ts';
import { type Bin, type BinOptions, makeBins } from './scoring/bins.ts';
import {
  binScores,
  DEFAULT_DETECTOR,
  type DetectorOptions,
  type DetectorResult,
  scoreDetector,
} from './scoring/detector.ts';
import type { WatchedRun } from './watch-relay.ts';

export const ATTACKS: readonly Attack[] = [
  cadence,
  repetition,
  noiseLevel,
  byteSizes,
  metricsCpu,
  metricsGc,
  metricsEventLoop,
  metricsProcessing,
  healthzLatency,
  seamsLight,
  seamsPerson,
];

export interface AttackResult extends DetectorResult {
  attack: string;
  looksAt: string;
  evidence: number;
}

export interface Analysis {
  results: AttackResult[];
  bins: Bin[];
  frames: number;
  binOptions: BinOptions;
  detector: DetectorOptions;
}

export const DEFAULT_BINS: BinOptions = { binMs: 2_500, edgeMs: 1_000, warmupMs: 5_000 };

export async function analyse(
  run: WatchedRun,
  binOptions: BinOptions = DEFAULT_BINS,
  detector: Partial<DetectorOptions> = {},
): Promise<Analysis> {
  const frames = await decodeFrames(run.recording);
  const bins = makeBins(run.recording, run.windows, run.uploads, binOptions);
  const options = { ...DEFAULT_DETECTOR, attacks: ATTACKS.length, ...detector };
  const results = ATTACKS.map((attack): AttackResult => {
    const evidence = attack.run({ recording: run.recording, frames });
    return {
      attack: attack.name,
      looksAt: attack.looksAt,
      evidence: evidence.length,
      ...scoreDetector(binScores(evidence, bins), bins, options),
    };
  });
  return { results, bins, frames: frames.length, binOptions, detector: options };
}
