/**
 * Run a fuzz target over mutated seeds for a fixed time or count: every input must end in an accepted
 * result or a RelayError (a 4xx), within a per-input time limit, with no uncaught exception anywhere.
 */
import { RelayError } from '@porthole/relay';
import { seededRandom } from '@porthole/testing';
import { seedFor } from '../random.ts';
import { mutate } from './mutate.ts';

export interface FuzzReport {
  runs: number;
  accepted: number;
  /** Refusals by error code. */
  refused: Record<string, number>;
  /** Inputs that broke the contract, with why (first few kept). */
  failures: { input: Buffer; why: string }[];
  ms: number;
}

export interface FuzzOptions {
  seed: number;
  seeds: Buffer[];
  /** Stop after this long… */
  maxMs: number;
  /** …or this many inputs, whichever comes first. */
  maxRuns?: number;
  perInputMs?: number;
  /** Check what an accepted input produced; throw to report a failure. */
  check?: (result: unknown, input: Buffer) => void;
}

export async function runFuzz(
  target: (input: Buffer) => Promise<unknown>,
  options: FuzzOptions,
): Promise<FuzzReport> {
  const report: FuzzReport = { runs: 0, accepted: 0, refused: {}, failures: [], ms: 0 };
  const uncaught: Error[] = [];
  const listen = (error: Error) => void uncaught.push(error);
  process.on('uncaughtException', listen);
  const started = performance.now();
  try {
    while (performance.now() - started < options.maxMs && report.runs < (options.maxRuns ?? Infinity)) {
      const random = seededRandom(seedFor(options.seed, report.runs));
      const seed = options.seeds[report.runs % options.seeds.length]!;
      const donor = options.seeds[Math.floor(random() * options.seeds.length)]!;
      const input = mutate(seed, random, donor);
      report.runs++;
      const why = await judge(target, input, options);
      if (uncaught.length > 0)
        report.failures.push({ input, why: `uncaught: ${uncaught.splice(0).map((e) => e.message)}` });
      if (why === undefined) report.accepted++;
      else if (why.startsWith('refused '))
        report.refused[why.slice(8)] = (report.refused[why.slice(8)] ?? 0) + 1;
      else report.failures.push({ input, why });
    }
  } finally {
    process.off('uncaughtException', listen);
  }
  report.ms = performance.now() - started;
  return report;
}

async function judge(target: (input: Buffer) => Promise<unknown>, input: Buffer, options: FuzzOptions) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.perInputMs ?? 3_000);
  });
  try {
    const result = await Promise.race([target(input), timeout]);
    if (result === 'timeout') return `no answer within ${options.perInputMs ?? 3_000} ms`;
    options.check?.(result, input);
    return undefined;
  } catch (error) {
    if (error instanceof RelayError && error.status >= 400 && error.status < 500)
      return `refused ${error.code}`;
    return `threw ${(error as Error)?.stack ?? String(error)}`;
  } finally {
    clearTimeout(timer);
  }
}
