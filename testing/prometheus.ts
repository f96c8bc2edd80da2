/** Prometheus's text format read back: a relay's /metrics as `name{labels}` → value. */
import { PATHS } from '@porthole/protocol';

/** One entry per sample line, keyed as written (`porthole_uploads_total{via="tus"}`); comments skipped. */
export function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

/** The sum of `name`'s samples whose labels include `labels` (e.g. `route="frame"`); all of them when empty. */
export function metricSum(samples: Map<string, number>, name: string, labels = ''): number {
  let total = 0;
  for (const [key, value] of samples) {
    if (key !== name && !key.startsWith(`${name}{`)) continue;
    if (labels && !key.includes(labels)) continue;
    total += value;
  }
  return total;
}

/** GET /metrics of the relay at `base`, parsed. */
export async function readMetrics(base: string): Promise<Map<string, number>> {
  const res = await fetch(new URL(`.${PATHS.metrics}`, base));
  if (res.status !== 200) throw new Error(`GET ${PATHS.metrics} answered ${res.status}`);
  return parseMetrics(await res.text());
}
