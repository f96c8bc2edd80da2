/** Read a relay's /metrics: the counters the suite reasons about, as plain numbers. */

export interface RelayCounters {
  published: number;
  unchanged: number;
  dropped: number;
  /** Valid frames received, by ingest path. */
  uploads: { tus: number; multipart: number };
  /** Refused requests, by reason (UNAUTHORIZED, RATE_LIMITED, CORRUPT_FRAME…). */
  rejections: Record<string, number>;
  waves: number;
}

/** Parse Prometheus text format into `name{labels}` → value. */
export function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

export async function readCounters(base: string): Promise<RelayCounters> {
  const res = await fetch(new URL('metrics', base));
  if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}`);
  const text = await res.text();
  const values = parseMetrics(text);
  const get = (key: string) => values.get(key) ?? 0;
  const rejections: Record<string, number> = {};
  for (const [key, value] of values) {
    const reason = /^porthole_rejections_total\{reason="([^"]+)"\}$/.exec(key)?.[1];
    if (reason) rejections[reason] = value;
  }
  return {
    published: get('porthole_frames_published_total'),
    unchanged: get('porthole_frames_unchanged_total'),
    dropped: get('porthole_frames_dropped_total'),
    uploads: {
      tus: get('porthole_uploads_total{via="tus"}'),
      multipart: get('porthole_uploads_total{via="multipart"}'),
    },
    rejections,
    waves: get('porthole_waves_total'),
  };
}
