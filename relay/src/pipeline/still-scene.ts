/**
 * What a still room looks like, learnt from the camera's own frames: a running average of the scene
 * (the picture without its sensor noise), the noise's strength, and whether the room has been still.
 * From it, a stand-in frame: the held scene, lit like the live one, with fresh noise of the camera's
 * strength, so that it is what the camera would have sent had nothing happened.
 *
 * Every upload does exactly the same work here, inside a privacy window or not: a window must not cost
 * the relay anything a watcher could time.
 */
import type { RawImage } from './masks.ts';
import { createSensorNoise } from './sensor-noise.ts';

/** Weight of a new still frame in the average (the average keeps ≈ 1/8 of a frame's noise variance). */
const ALPHA = 1 / 8;
/** A pixel counts as moved when it differs from the average by more than this many noise deviations… */
const MOVED_SIGMAS = 5;
const MOVED_MIN_LEVELS = 12;
/** …and the frame as moved when more than this share of pixels did, or its brightness jumped. */
const MOVED_SHARE = 0.002;
const JUMP_LEVELS = 3;
/** Every n-th pixel is enough for the statistics (noise, brightness, movement). */
const SAMPLE_STEP = 3;
/** How fast the stand-in's brightness may follow the live frame's: per upload, as a gain. */
const MAX_GAIN_STEP = 0.004;

export interface SceneObservation {
  /** Consecutive uploads (this one included) in which nothing moved. */
  stillFor: number;
  /** The camera's noise strength, in levels. */
  sigma: number;
  /** The frame to publish if this upload falls inside a privacy window, at the live frame's size. */
  standIn: RawImage;
}

export function createStillScene(random: () => number = Math.random) {
  const noise = createSensorNoise(random);
  let average: Float32Array | undefined;
  let scratch = new Float32Array(0);
  let shape = '';
  let sigma = 3;
  let stillFor = 0;
  let gain = 1;
  let held = false;

  return {
    /**
     * Learn from a live frame and render the stand-in. While `hold` is set (a window is open) the scene is
     * frozen: the average stops learning, and only the lighting follows the live frame, slowly.
     */
    observe(live: RawImage, hold: boolean): SceneObservation {
      const size = `${live.width}x${live.height}x${live.channels}`;
      if (!average || size !== shape) {
        average = Float32Array.from(live.data);
        scratch = new Float32Array(average.length);
        shape = size;
        stillFor = 0;
      }
      if (hold && !held) gain = 1;
      held = hold;
      const stats = compare(live.data, average, sigma);
      const moved = stats.movedShare > MOVED_SHARE || Math.abs(stats.meanShift) > JUMP_LEVELS;
      stillFor = moved ? 0 : stillFor + 1;
      if (!moved) sigma += (stats.sigma - sigma) * 0.2;
      // A moved scene is learnt afresh (the average jumps to it); a still one is averaged in.
      const target = hold ? scratch : average;
      const weight = moved ? 1 : ALPHA;
      for (let i = 0; i < live.data.length; i++)
        target[i] = average[i]! + (live.data[i]! - average[i]!) * weight;
      gain += Math.max(-MAX_GAIN_STEP, Math.min(MAX_GAIN_STEP, stats.lighting - gain));
      return { stillFor, sigma, standIn: render(live, average, hold ? gain : 1, sigma) };
    },
  };

  function render(like: RawImage, scene: Float32Array, lighting: number, strength: number): RawImage {
    const field = noise.field();
    // The average still carries a little noise of its own: top it up to the camera's strength, no more.
    const fresh = strength * Math.sqrt(1 - ALPHA / (2 - ALPHA));
    const data = Buffer.allocUnsafe(scene.length);
    for (let i = 0; i < scene.length; i++) {
      const value = Math.round(scene[i]! * lighting + field(i) * fresh);
      data[i] = value < 0 ? 0 : Math.min(value, 255);
    }
    return { data, width: like.width, height: like.height, channels: like.channels };
  }
}

/** Sampled statistics of a frame against the average: movement, noise and brightness. */
function compare(live: Buffer, average: Float32Array, sigma: number) {
  const threshold = Math.max(MOVED_MIN_LEVELS, MOVED_SIGMAS * sigma);
  let moved = 0;
  let squares = 0;
  let liveSum = 0;
  let averageSum = 0;
  let quietLiveSum = 0;
  let quietAverageSum = 0;
  let count = 0;
  for (let i = 0; i < live.length; i += SAMPLE_STEP) {
    const delta = live[i]! - average[i]!;
    if (delta > threshold || delta < -threshold) moved++;
    else {
      squares += delta * delta;
      quietLiveSum += live[i]!;
      quietAverageSum += average[i]!;
    }
    liveSum += live[i]!;
    averageSum += average[i]!;
    count++;
  }
  const quiet = Math.max(1, count - moved);
  // Lighting is judged where nothing moved: someone walking in must not dim the held scene.
  const lit = quiet > count / 2;
  return {
    movedShare: moved / Math.max(1, count),
    // Against an average holding 1/8 of a frame's noise variance, the spread is a little wider than σ.
    sigma: Math.sqrt(squares / quiet / (1 + ALPHA / (2 - ALPHA))),
    meanShift: (liveSum - averageSum) / Math.max(1, count),
    lighting: lit ? quietLiveSum / Math.max(1, quietAverageSum) : liveSum / Math.max(1, averageSum),
  };
}
