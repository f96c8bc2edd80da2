/** Read a relay's /metrics: the counters the suite reasons about, as plain numbers. */
import { readMetrics } from '@porthole/testing';

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

export async function readCounters(base: string): Promise<RelayCounters> {
  const values = await readMetrics(base);
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
