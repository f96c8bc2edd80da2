/**
 * The calibration check: a run without real windows (`--privacy-windows off`) scored against many sets of
 * windows drawn at random from the policy. Nothing can tell those apart from live, so every attack should
 * come out at chance; how often one does not is how often the enforcing test would fail for no reason.
 */
import { type AttackEvidence, collectEvidence, DEFAULT_BINS, scoreEvidence } from './analyse.ts';
import type { BinOptions } from './scoring/bins.ts';
import { parseWindowPolicy, randomWindows } from './scoring/random-windows.ts';
import type { WatchedRun } from './watch-relay.ts';

export interface Calibration {
  draws: number;
  /** Only in still stretches, as a relay that waits for a still room would open them. */
  stillOnly: boolean;
  /** Per attack: the share of draws in which it did "better than chance". */
  perAttack: { attack: string; rate: number }[];
  /** The share of draws in which any attack did: the false-failure rate. */
  anyRate: number;
}

export async function calibrate(
  run: WatchedRun,
  policyText: string,
  draws: number,
  stillOnly: boolean,
  binOptions: BinOptions = DEFAULT_BINS,
): Promise<Calibration> {
  const policy = parseWindowPolicy(policyText);
  if (!policy)
    throw new Error(
      `Expected every=<duration>,for=<min>-<max> for --privacy-windows but received ${policyText}`,
    );
  const collected: { frames: number; evidence: AttackEvidence[] } = await collectEvidence(run);
  const firstLive = run.recording.pointers.find((p) => p.mode === 'live')?.at ?? run.recording.startedAt;
  const lastUpload = run.uploads.at(-1)?.at ?? run.recording.endedAt;
  const still = (at: number) =>
    !run.uploads.some((u) => u.moving && u.at >= at - 2_000 && u.at <= at + policy.maxMs + 2_000);
  const hits = new Map<string, number>();
  let any = 0;
  for (let seed = 1; seed <= draws; seed++) {
    const windows = randomWindows(policy, firstLive, lastUpload, seed, stillOnly ? still : undefined);
    const { results } = scoreEvidence(run, collected, windows, binOptions);
    const beaten = results.filter((r) => r.betterThanChance);
    if (beaten.length > 0) any++;
    for (const r of results) hits.set(r.attack, (hits.get(r.attack) ?? 0) + (r.betterThanChance ? 1 : 0));
  }
  return {
    draws,
    stillOnly,
    perAttack: [...hits].map(([attack, n]) => ({ attack, rate: n / draws })),
    anyRate: any / draws,
  };
}
