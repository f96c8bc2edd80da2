/** The recordings' Prometheus metrics, in the relay's registry. */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export function recordingMetrics(registers: Registry[]) {
  return {
    hlsSegments: new Counter({
      name: 'porthole_hls_segments_total',
      help: 'HLS segments written',
      registers,
    }),
    hlsSegmentDelay: new Histogram({
      name: 'porthole_hls_segment_delay_seconds',
      help: 'From a segment’s first frame to the segment being listed',
      buckets: [1, 2, 4, 6, 8, 12, 16, 24],
      registers,
    }),
    recordingEncode: new Histogram({
      name: 'porthole_recording_encode_seconds',
      help: 'Encoding one recorded frame, by recording',
      labelNames: ['recording'],
      buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1],
      registers,
    }),
    recordingFailures: new Counter({
      name: 'porthole_recording_failures_total',
      help: 'Recording steps that failed (and are retried), by recording',
      labelNames: ['recording'],
      registers,
    }),
    recordingBytes: new Gauge({
      name: 'porthole_recording_bytes',
      help: 'Disk used by recordings, by recording',
      labelNames: ['recording'],
      registers,
    }),
    timelapseFrames: new Counter({
      name: 'porthole_timelapse_frames_total',
      help: 'Frames sampled into timelapses',
      registers,
    }),
  };
}

export type RecordingMetrics = ReturnType<typeof recordingMetrics>;
