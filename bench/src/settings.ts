/** How much of each bench to run: the full suite, or BENCH_QUICK=1 for a smoke run of every path. */

export interface BenchSettings {
  quick: boolean;
  /** Photographic sequence length (30 = one minute at 30 frames/min). */
  photoFrames: number;
  /** Default-loop frames uploaded as a camera would: one lap (a second lap would re-send identical bytes). */
  loopCameraFrames: number;
  /** Loop playback steps measured after the first lap. */
  loopLaterSteps: number;
  /** Pipeline frames per input size (after 3 warm-up frames). */
  pipelineFrames: number;
  connections: number[];
  loadSeconds: number;
  /** Glass-to-glass samples per polling strategy. */
  latencySamples: number;
  /** Page-weight observation after the first 10 s. */
  pageWeightAfterSeconds: number;
  /** Crf values of the video path's equal-SSIM sweep (the relay's own is always added). */
  crfSweep: number[];
  /** A newcomer joins after every this many uploads of bench 1. */
  newcomerEvery: number;
}

export function benchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  return quick
    ? {
        quick,
        photoFrames: 30,
        loopCameraFrames: 24,
        loopLaterSteps: 6,
        pipelineFrames: 6,
        connections: [1000, 10000],
        loadSeconds: 3,
        latencySamples: 4,
        pageWeightAfterSeconds: 10,
        crfSweep: [36, 52],
        newcomerEvery: 5,
      }
    : {
        quick,
        photoFrames: 90,
        loopCameraFrames: 24,
        loopLaterSteps: 24,
        pipelineFrames: 20,
        connections: [1000, 10000],
        loadSeconds: 8,
        latencySamples: 20,
        pageWeightAfterSeconds: 60,
        crfSweep: [36, 40, 48, 52],
        newcomerEvery: 3,
      };
}
