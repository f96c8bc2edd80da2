/** From a watched run to one detector result per attack: decode, bin, run every attack, score it. */
import type { Attack, Evidence } from './attacks/attack.ts';
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
import type { PrivacyWindow } from './recording.ts';
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

export interface AttackEvidence {
  attack: Attack;
  evidence: Evidence[];
}

/** Every attack's evidence: what the visitor concludes, before anyone says where the windows were. */
export async function collectEvidence(
  run: WatchedRun,
): Promise<{ frames: number; evidence: AttackEvidence[] }> {
  const frames = await decodeFrames(run.recording);
  const evidence = ATTACKS.map((attack) => ({
    attack,
    evidence: attack.run({ recording: run.recording, frames }),
  }));
  return { frames: frames.length, evidence };
}

/** The evidence scored against `windows` (the real ones, or drawn at random for a calibration check). */
export function scoreEvidence(
  run: WatchedRun,
  collected: { frames: number; evidence: AttackEvidence[] },
  windows: PrivacyWindow[],
  binOptions: BinOptions = DEFAULT_BINS,
  detector: Partial<DetectorOptions> = {},
): Analysis {
  const bins = makeBins(run.recording, windows, run.uploads, binOptions);
  const options = { ...DEFAULT_DETECTOR, attacks: ATTACKS.length, ...detector };
  const results = collected.evidence.map(
    ({ attack, evidence }): AttackResult => ({
      attack: attack.name,
      looksAt: attack.looksAt,
      evidence: evidence.length,
      ...scoreDetector(binScores(evidence, bins), bins, options),
    }),
  );
  return { results, bins, frames: collected.frames, binOptions, detector: options };
}

export async function analyse(
  run: WatchedRun,
  binOptions: BinOptions = DEFAULT_BINS,
  detector: Partial<DetectorOptions> = {},
): Promise<Analysis> {
  return scoreEvidence(run, await collectEvidence(run), run.windows, binOptions, detector);
}
