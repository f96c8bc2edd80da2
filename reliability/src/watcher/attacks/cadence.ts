/**
 * Cadence: how many uploads get published. A still room publishes almost none (the change check skips
 * noise), a loop dressed as live publishes whenever its frames differ. Publishes and uploads come from
 * `/metrics` counters when it answers, else from the pointer's seq against the upload times `/status`
 * lists, else publishes per second alone (the pointer's `next` says the camera keeps a steady pace).
 */
import type { Recording } from '../recording.ts';
import type { Attack, Evidence } from './attack.ts';

/** Publishes and uploads are counted over this trailing stretch. */
const SPAN_MS = 2_000;
const STEP_MS = 500;

interface Counted {
  at: number;
  published: number;
  uploads: number;
}

export const cadence: Attack = {
  name: 'cadence',
  looksAt: 'publishes per upload (/metrics counters, or seq steps against /status upload times)',
  run({ recording }) {
    const counters = fromMetrics(recording);
    if (counters.length > 2) return trailingRatio(counters, recording);
    const publishes = seqSteps(recording);
    const uploads = uploadTimes(recording);
    const evidence: Evidence[] = [];
    for (let t = recording.startedAt + SPAN_MS; t <= recording.endedAt; t += STEP_MS) {
      const published = publishes
        .filter((p) => p.at > t - SPAN_MS && p.at <= t)
        .reduce((n, p) => n + p.count, 0);
      if (uploads.length > 0) {
        const uploaded = uploads.filter((u) => u > t - SPAN_MS && u <= t).length;
        if (uploaded > 0) evidence.push({ at: t, score: published / uploaded });
      } else {
        evidence.push({ at: t, score: published / (SPAN_MS / 1000) });
      }
    }
    return evidence;
  },
};

/** Cumulative published and upload counters, one entry per readable /metrics answer. */
function fromMetrics(recording: Recording): Counted[] {
  const counted: Counted[] = [];
  for (const sample of recording.metrics) {
    const values = sample.values;
    if (!values) continue;
    const published = values.porthole_frames_published_total;
    let uploads: number | undefined;
    for (const [key, value] of Object.entries(values))
      if (key.startsWith('porthole_uploads_total')) uploads = (uploads ?? 0) + value;
    if (published !== undefined && uploads !== undefined) counted.push({ at: sample.at, published, uploads });
  }
  return counted;
}

function trailingRatio(counters: Counted[], recording: Recording): Evidence[] {
  const evidence: Evidence[] = [];
  let from = 0;
  for (let i = 1; i < counters.length; i++) {
    const now = counters[i]!;
    while (counters[from]!.at < now.at - SPAN_MS) from++;
    const then = counters[Math.min(from, i - 1)]!;
    const uploads = now.uploads - then.uploads;
    // Offline stretches upload nothing; the pointer says so anyway.
    if (uploads > 0 && liveAt(recording, now.at))
      evidence.push({ at: now.at, score: (now.published - then.published) / uploads });
  }
  return evidence;
}

/** Pointer seq steps seen while it said live: each is a published frame (several if polls missed some). */
function seqSteps(recording: Recording): { at: number; count: number }[] {
  const steps: { at: number; count: number }[] = [];
  let previous: { seq: number; mode: string } | undefined;
  for (const p of recording.pointers) {
    if (previous && p.seq > previous.seq && p.mode === 'live' && previous.mode === 'live')
      steps.push({ at: p.at, count: p.seq - previous.seq });
    previous = p;
  }
  return steps;
}

/** Every upload time /status ever listed (it shows the last few), deduplicated. */
function uploadTimes(recording: Recording): number[] {
  const times = new Set<number>();
  for (const s of recording.status) for (const iso of s.body?.lastUploads ?? []) times.add(Date.parse(iso));
  return [...times].filter(Number.isFinite).sort((a, b) => a - b);
}

function liveAt(recording: Recording, at: number): boolean {
  let mode = 'offline';
  for (const p of recording.pointers) {
    if (p.at > at) break;
    mode = p.mode;
  }
  return mode === 'live';
}
