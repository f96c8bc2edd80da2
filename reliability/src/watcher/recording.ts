/**
 * What the watcher keeps: only what public GETs answered, each with the time (epoch ms) it was asked.
 * The attacks read nothing else. Ground truth (when windows really were) lives apart, for scoring.
 */
import type { FeedMode, PointerVideo, PublicVariant } from '@porthole/protocol';

/** One answer of `GET /frame` (a 304 keeps the previous pointer's fields). */
export interface PointerSample {
  at: number;
  status: number;
  seq: number;
  mode: FeedMode;
  next: number;
  variants: PublicVariant[];
  /** The newest video chunk, as the pointer names it (its `bytes` is public too). */
  video?: PointerVideo;
}

/** One variant fetched the first time a pointer named it. */
export interface VariantSample {
  at: number;
  seq: number;
  mode: FeedMode;
  format: PublicVariant['format'];
  width: number;
  url: string;
  /** What the pointer said. */
  bytes: number;
  /** What the response said (`Content-Length`), or the body's length without one. */
  contentLength: number;
  status: number;
  /** The body, for JPEG variants (empty for the others). */
  data: Buffer;
}

export interface TimedSample {
  at: number;
  status: number;
  /** performance.now() around the request, response body included. */
  ms: number;
}

export interface StatusSample extends TimedSample {
  /** The parsed body when it answered 200. */
  body?: { mode?: FeedMode; seq?: number; lastUploads?: string[] };
}

export interface MetricsSample extends TimedSample {
  /** `name{labels}` → value, when it answered 200. */
  values?: Record<string, number>;
}

export interface Recording {
  startedAt: number;
  endedAt: number;
  pointers: PointerSample[];
  variants: VariantSample[];
  healthz: TimedSample[];
  status: StatusSample[];
  metrics: MetricsSample[];
}

/** Ground truth, for scoring only. */
export interface PrivacyWindow {
  start: number;
  end: number;
}

export interface CameraUpload {
  /** When the upload completed (epoch ms). */
  at: number;
  index: number;
  /** Someone walks in the footage: the scoring's "moving" stratum. */
  moving: boolean;
}
