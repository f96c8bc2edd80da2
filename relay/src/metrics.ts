/** Prometheus metrics. A registry per relay, so several relays (tests) can live in one process. */
import { createRequire } from 'node:module';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

const require = createRequire(import.meta.url);
type DefaultMetric = (registry: Registry, config: { prefix: string }) => void;

/**
 * prom-client's process metrics, all but the GC histogram: observing GC makes Node build a performance
 * entry with deprecated accessors for every collection, several per cent of the CPU a busy read path uses.
 */
function collectProcessMetrics(registry: Registry): void {
  for (const name of collectDefaultMetrics.metricsList) {
    if (name === 'gc') continue;
    (require(`prom-client/lib/metrics/${name}`) as DefaultMetric)(registry, { prefix: 'porthole_process_' });
  }
}

export function createMetrics() {
  const registry = new Registry();
  collectProcessMetrics(registry);
  const registers = [registry];
  return {
    registry,
    uploads: new Counter({
      name: 'porthole_uploads_total',
      help: 'Valid frames received, by ingest path',
      labelNames: ['via'],
      registers,
    }),
    rejections: new Counter({
      name: 'porthole_rejections_total',
      help: 'Refused requests, by reason',
      labelNames: ['reason'],
      registers,
    }),
    published: new Counter({
      name: 'porthole_frames_published_total',
      help: 'Frames encoded and published',
      registers,
    }),
    unchanged: new Counter({
      name: 'porthole_frames_unchanged_total',
      help: 'Frames skipped by the change check',
      registers,
    }),
    dropped: new Counter({
      name: 'porthole_frames_dropped_total',
      help: 'Frames superseded by a newer one before encoding',
      registers,
    }),
    processing: new Histogram({
      name: 'porthole_processing_seconds',
      help: 'From upload complete to pointer moved',
      buckets: [0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2],
      registers,
    }),
    variantBytes: new Gauge({
      name: 'porthole_variant_bytes',
      help: 'Bytes of the newest published variants',
      labelNames: ['format', 'width'],
      registers,
    }),
    videoChunks: new Counter({
      name: 'porthole_video_chunks_total',
      help: 'Video chunks encoded, by kind (key or delta)',
      labelNames: ['kind'],
      registers,
    }),
    videoChunkBytes: new Histogram({
      name: 'porthole_video_chunk_bytes',
      help: 'Bytes of each encoded video chunk',
      buckets: [256, 512, 1024, 2048, 4096, 8192, 16384, 32768],
      registers,
    }),
    videoEncode: new Histogram({
      name: 'porthole_video_encode_seconds',
      help: 'Time to encode one video chunk (on the encoder thread, queue included)',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.8],
      registers,
    }),
    requests: countedByLabel({
      name: 'porthole_http_requests_total',
      help: 'HTTP requests, by route',
      labelName: 'route',
      registers,
    }),
    waves: new Counter({ name: 'porthole_waves_total', help: 'Waves accepted from visitors', registers }),
    viewers: new Gauge({
      name: 'porthole_viewers',
      help: 'Approximate distinct pollers in the last 30 s',
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * A counter by one label for the read path: `labels(value).inc()` adds to a plain number, and prom-client
 * reads the numbers when scraped (its own `inc` hashes the labels and allocates on every call).
 */
function countedByLabel(config: { name: string; help: string; labelName: string; registers: Registry[] }) {
  const counts = new Map<string, { n: number }>();
  new Counter({
    name: config.name,
    help: config.help,
    labelNames: [config.labelName],
    registers: config.registers,
    collect() {
      this.reset();
      for (const [value, cell] of counts) if (cell.n > 0) this.inc({ [config.labelName]: value }, cell.n);
    },
  });
  return {
    labels(value: string): { inc(): void } {
      const counted = counts.get(value) ?? { n: 0 };
      counts.set(value, counted);
      return {
        inc() {
          counted.n++;
        },
      };
    },
  };
}
