/**
 * An attack scored as a detector. Its evidence is reduced to one score per bin (the highest). The
 * threshold is the 95th percentile of the scores of bins outside windows, per stratum (still / moving,
 * so an attack that merely notices a still room gets no credit for windows that open in still rooms).
 * A window is detected when any of its bins is flagged; the time outside windows is cut into stretches
 * as long as a typical window (in bins), and a stretch with a flagged bin is a false alarm. The attack
 * does better than chance when Fisher's exact test says the windows were flagged more often than the
 * stretches at p < alpha / (number of attacks), Bonferroni's correction for trying several attacks.
 */
import type { Evidence } from '../attacks/attack.ts';
import { median } from '../stats.ts';
import type { Bin } from './bins.ts';
import { fisherOneSided } from './fisher.ts';

export interface DetectorOptions {
  /** Share of non-window bins flagged by construction. */
  falseAlarmShare: number;
  /** Family-wise significance level, split over `attacks`. */
  alpha: number;
  attacks: number;
  /** A stratum with fewer non-window bins than this borrows the pooled threshold. */
  minStratumBins: number;
}

export interface DetectorResult {
  windows: number;
  detected: number;
  stretches: number;
  falseAlarms: number;
  /** Bins per stretch (a typical window's). */
  stretchBins: number;
  p: number;
  betterThanChance: boolean;
}

export const DEFAULT_DETECTOR: DetectorOptions = {
  falseAlarmShare: 0.05,
  alpha: 0.05,
  attacks: 1,
  minStratumBins: 10,
};

/** The highest evidence score in each bin (−∞ where there is none). */
export function binScores(evidence: Evidence[], bins: Bin[]): number[] {
  const scores = bins.map(() => Number.NEGATIVE_INFINITY);
  const sorted = [...evidence].sort((a, b) => a.at - b.at);
  let e = 0;
  bins.forEach((bin, i) => {
    while (e < sorted.length && sorted[e]!.at < bin.start) e++;
    for (let j = e; j < sorted.length && sorted[j]!.at < bin.end; j++)
      scores[i] = Math.max(scores[i]!, sorted[j]!.score);
  });
  return scores;
}

export function scoreDetector(scores: number[], bins: Bin[], options: DetectorOptions): DetectorResult {
  const quiet = (moving: boolean | undefined) =>
    bins.flatMap((bin, i) =>
      bin.scored && bin.window < 0 && (moving === undefined || bin.moving === moving) ? [scores[i]!] : [],
    );
  const threshold = (values: number[]) => upperRank(values, options.falseAlarmShare);
  const pooled = threshold(quiet(undefined));
  const byStratum = new Map<boolean, number>();
  for (const moving of [false, true]) {
    const values = quiet(moving);
    byStratum.set(moving, values.length >= options.minStratumBins ? threshold(values) : pooled);
  }
  const flagged = bins.map((bin, i) => bin.scored && scores[i]! > byStratum.get(bin.moving)!);

  const windowBins = new Map<number, number[]>();
  bins.forEach((bin, i) => {
    if (bin.scored && bin.window >= 0) windowBins.set(bin.window, [...(windowBins.get(bin.window) ?? []), i]);
  });
  const windows = [...windowBins.values()];
  const detected = windows.filter((members) => members.some((i) => flagged[i])).length;
  const stretchBins = Math.max(1, Math.round(median(windows.map((members) => members.length))) || 1);

  let stretches = 0;
  let falseAlarms = 0;
  let run: number[] = [];
  // A run's leftover counts as a stretch when it is at least half as long: dropping it would hide the
  // false alarms that cluster next to windows (where running baselines are still catching up).
  const closeRun = () => {
    for (let k = 0; run.length - k >= Math.ceil(stretchBins / 2); k += stretchBins) {
      stretches++;
      if (run.slice(k, k + stretchBins).some((i) => flagged[i])) falseAlarms++;
    }
    run = [];
  };
  bins.forEach((bin, i) => {
    if (bin.scored && bin.window < 0) run.push(i);
    else closeRun();
  });
  closeRun();

  const p = fisherOneSided(detected, windows.length, falseAlarms, stretches);
  return {
    windows: windows.length,
    detected,
    stretches,
    falseAlarms,
    stretchBins,
    p,
    betterThanChance: windows.length > 0 && stretches > 0 && p < options.alpha / options.attacks,
  };
}

/** The score that at most `share` of `values` exceed (nearest rank; NaN for none, so nothing is flagged). */
export function upperRank(values: number[], share: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * (1 - share)) - 1)]!;
}
