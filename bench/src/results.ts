/** The shape of results.json: every figure of one run, with what it was measured on. */

import type { BandwidthResult } from './benches/bandwidth.ts';
import type { CapacityResult } from './benches/capacity.ts';
import type { CdnResult } from './benches/cdn.ts';
import type { HlsResult } from './benches/hls.ts';
import type { Http2Result } from './benches/http2.ts';
import type { LoopPlaybackResult } from './benches/loop-playback.ts';
import type { PipelineResult } from './benches/pipeline.ts';
import type { VideoLatencyResult } from './benches/video-latency.ts';
import type { MachineInfo } from './machine.ts';
import type { BenchSettings } from './settings.ts';

export interface ViewerEstimate {
  /** Share of uploads that were published (moved the pointer), from the photographic sequence. */
  publishedShare: number;
  connections: number;
  relay: number;
  nginx: number | null;
}

export interface LatencyStrategy {
  name: string;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  /** Pointer requests the page made per minute while measuring. */
  pointerRequestsPerMinute: number;
}

export interface LatencyResult {
  /** What drew the frames: the real island, or a stand-in page (and why). */
  page: string;
  strategies: LatencyStrategy[];
  skipped: string | null;
}

export interface PageTransfer {
  page: string;
  first10sBytes: number;
  perMinuteAfterBytes: number;
}

export interface LighthouseScore {
  page: string;
  performance: number;
  cls: number;
  lcpMs: number;
}

export interface PageWeightResult {
  islandJsMinGzipBytes: number | null;
  islandJsMinBytes: number | null;
  transfers: PageTransfer[];
  lighthouse: LighthouseScore[];
  lighthouseSkipped: string | null;
  skipped: string | null;
}

export interface Results {
  meta: {
    date: string;
    command: string;
    machine: MachineInfo;
    loadAverageAfter: string;
    settings: BenchSettings;
    durationSeconds: number;
    notes: string[];
  };
  bandwidth: { photo: BandwidthResult | null; loopCamera: BandwidthResult; loopPlayback: LoopPlaybackResult };
  pipeline: PipelineResult[];
  capacity: CapacityResult;
  viewers: ViewerEstimate;
  cdn: CdnResult;
  latency: LatencyResult;
  /** The video path's latency, relay side (absent in runs from before the video path). */
  videoLatency?: VideoLatencyResult;
  /** HTTP/2 through Caddy against HTTP/1.1 (absent in runs from before it). */
  http2?: Http2Result;
  /** The live HLS stream on the photo sequence (absent in runs from before it). */
  hls?: HlsResult;
  pageWeight: PageWeightResult;
}
