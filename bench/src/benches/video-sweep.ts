/**
 * Equal quality for the video path: the frames the relay published, normalised as the relay does (gray,
 * 640 px), encoded straight through the relay's own stream encoder at a few crf values with the keys
 * where the relay put them, decoded, and scored against the same references as the stills. At the
 * relay's crf this reproduces its chunks byte for byte (the encoder is deterministic); the other points
 * say what a different ENCODER_SETTINGS.crf would cost.
 */
import { normaliseFrame } from '@porthole/relay';
import { openAv1Decoder } from '@porthole/testing';
import { ENCODER_SETTINGS, openStreamEncoder } from '../../../relay/src/video/encoder.ts';
import { type GrayImage, ssim } from '../ssim.ts';
import { mean } from '../stats.ts';
import { type CrfPoint, crfsToBracket } from '../video-maths.ts';

/** What the relay does to an upload before encoding it (its defaults: gray, 640 px wide, no masks). */
const RELAY_NORMALISE = {
  grayscale: true,
  masks: [],
  maxWidth: 640,
  maxPixels: 16_777_216,
  maxDimension: 4096,
};

export interface SweepFrame {
  jpeg: Buffer;
  /** Whether the relay's chunk for this frame was a key. */
  key: boolean;
  /** The reference the viewers' SSIM uses, at the decoded picture's size. */
  reference: GrayImage;
}

/**
 * Encode and score `frames` at each crf; adds points until every target SSIM and chunk-bytes total is
 * bracketed (or crf 0 / 63 is reached).
 */
export async function sweepCrf(
  frames: readonly SweepFrame[],
  crfs: readonly number[],
  targets: { ssim: readonly number[]; chunkBytes: readonly number[] },
): Promise<CrfPoint[]> {
  const images: Awaited<ReturnType<typeof normaliseFrame>>[] = [];
  for (const f of frames) images.push(await normaliseFrame(f.jpeg, RELAY_NORMALISE));
  const points: CrfPoint[] = [];
  const measure = async (crf: number) => {
    if (points.some((p) => p.crf === crf)) return;
    const encoder = await openStreamEncoder({ crf, speed: ENCODER_SETTINGS.speed });
    const decoder = await openAv1Decoder();
    try {
      let chunkBytes = 0;
      const scores: number[] = [];
      for (const [i, image] of images.entries()) {
        const chunk = await encoder.encode(image, frames[i]!.key);
        chunkBytes += chunk.data.length;
        const picture = await decoder.decode(chunk.data, chunk.key);
        scores.push(
          ssim({ data: picture.gray, width: picture.width, height: picture.height }, frames[i]!.reference),
        );
      }
      points.push({ crf, chunkBytes, ssim: mean(scores) });
    } finally {
      await encoder.close();
      await decoder.close();
    }
  };
  for (const crf of crfs) await measure(crf);
  for (let round = 0; round < 4; round++) {
    const more = crfsToBracket(points, targets.ssim, targets.chunkBytes);
    if (more.length === 0) break;
    for (const crf of more) await measure(crf);
  }
  return points.sort((a, b) => a.crf - b.crf);
}
