/**
 * The /metrics side channel (when it answers): dressing a loop frame as live is extra work, and extra
 * work shows in the relay's own process figures. One attack per figure, each over the last two scrapes
 * (about two seconds): CPU seconds per upload, minor GCs per upload, the event loop's worst delay, and
 * the processing time of the frames published. Higher means more suspicious (more work).
 */
import type { MetricsSample, Recording } from '../recording.ts';
import type { Attack, Evidence } from './attack.ts';

const PREFIX = 'porthole_process_';
/** Scrapes each figure spans. */
const SPAN = 2;

type Figure = (
  from: Record<string, number>,
  to: Record<string, number>,
  uploads: number,
) => number | undefined;

const delta = (from: Record<string, number>, to: Record<string, number>, key: string) =>
  (to[key] ?? 0) - (from[key] ?? 0);

function metricsAttack(name: string, looksAt: string, figure: Figure): Attack {
  return {
    name,
    looksAt,
    run({ recording }) {
      const readable = recording.metrics.filter(
        (m): m is MetricsSample & { values: Record<string, number> } => Boolean(m.values),
      );
      const evidence: Evidence[] = [];
      for (let i = SPAN; i < readable.length; i++) {
        const [from, to] = [readable[i - SPAN]!.values, readable[i]!.values];
        const uploads = sum(to, 'porthole_uploads_total') - sum(from, 'porthole_uploads_total');
        // No uploads: the camera is offline, and the pointer says so anyway.
        if (uploads <= 0 || !liveThroughout(recording, readable[i - SPAN]!.at, readable[i]!.at)) continue;
        const score = figure(from, to, uploads);
        if (score !== undefined && Number.isFinite(score)) evidence.push({ at: readable[i]!.at, score });
      }
      return evidence;
    },
  };
}

export const metricsCpu = metricsAttack(
  'metrics: CPU',
  'process CPU seconds per upload (/metrics)',
  (a, b, uploads) => delta(a, b, `${PREFIX}process_cpu_seconds_total`) / uploads,
);

export const metricsGc = metricsAttack(
  'metrics: GC',
  'minor garbage collections per upload (/metrics)',
  (a, b, uploads) => delta(a, b, `${PREFIX}nodejs_gc_duration_seconds_count{kind="minor"}`) / uploads,
);

export const metricsEventLoop = metricsAttack(
  'metrics: event loop',
  'worst event-loop delay since the previous scrape (/metrics)',
  (_a, b) => b[`${PREFIX}nodejs_eventloop_lag_max_seconds`],
);

export const metricsProcessing = metricsAttack(
  'metrics: processing',
  'mean upload-to-pointer time of the frames published (/metrics histogram)',
  (a, b) => {
    const frames = delta(a, b, 'porthole_processing_seconds_count');
    return frames > 0 ? delta(a, b, 'porthole_processing_seconds_sum') / frames : undefined;
  },
);

function sum(values: Record<string, number>, name: string): number {
  let total = 0;
  for (const [key, value] of Object.entries(values))
    if (key === name || key.startsWith(`${name}{`)) total += value;
  return total;
}

/** The pointer said live at every answer between `from` and `to` (and just before). */
function liveThroughout(recording: Recording, from: number, to: number): boolean {
  let mode: string | undefined;
  for (const p of recording.pointers) {
    if (p.at > to) break;
    if (p.at >= from && p.mode !== 'live') return false;
    mode = p.mode;
  }
  return mode === 'live';
}
