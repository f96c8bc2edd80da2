/**
 * Cadence: how many uploads get published. A still room publishes almost none (the change check skips
 * noise); a loop dressed as live publishes whenever its frames differ. At each publish (a pointer seq
 * step while live) the score is one over the uploads since the previous publish: uploads from the times
 * `/status` lists when it answers, else from the `/metrics` upload counter, else the time between the
 * two publishes stands in (the pointer's `next` says the camera keeps a steady pace).
 */
import type { Recording } from '../recording.ts';
import type { Attack, Evidence } from './attack.ts';

export const cadence: Attack = {
  name: 'cadence',
  looksAt: 'one over the uploads since the previous publish (/status upload times, /metrics, or time)',
  run({ recording }) {
    const uploadsBetween = uploadCounter(recording);
    const evidence: Evidence[] = [];
    let previous: { at: number; seq: number; mode: string } | undefined;
    let lastPublish: number | undefined;
    for (const p of recording.pointers) {
      if (previous && p.seq > previous.seq && p.mode === 'live' && previous.mode === 'live') {
        if (lastPublish !== undefined) {
          const uploads = Math.max(1, uploadsBetween(lastPublish, p.at));
          evidence.push({ at: p.at, score: (p.seq - previous.seq) / uploads });
        }
        lastPublish = p.at;
      }
      if (p.mode !== 'live') lastPublish = undefined;
      previous = p;
    }
    return evidence;
  },
};

/** How many uploads arrived between two moments, from the best source the visitor could read. */
function uploadCounter(recording: Recording): (from: number, to: number) => number {
  const listed = new Set<number>();
  for (const s of recording.status) for (const iso of s.body?.lastUploads ?? []) listed.add(Date.parse(iso));
  const times = [...listed].filter(Number.isFinite).sort((a, b) => a - b);
  if (times.length > 0) return (from, to) => times.filter((t) => t > from && t <= to).length;
  const counts: { at: number; uploads: number }[] = [];
  for (const m of recording.metrics) {
    if (!m.values) continue;
    let uploads = 0;
    for (const [key, value] of Object.entries(m.values))
      if (key.startsWith('porthole_uploads_total')) uploads += value;
    counts.push({ at: m.at, uploads });
  }
  if (counts.length > 1) {
    const at = (t: number) => [...counts].reverse().find((c) => c.at <= t)?.uploads ?? counts[0]!.uploads;
    return (from, to) => at(to) - at(from);
  }
  // Neither: seconds between publishes, in units of the pointer's usual `next` after a publish.
  return (from, to) => (to - from) / 1000;
}
