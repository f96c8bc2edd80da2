/**
 * Bench 1, bytes per viewer-minute at 30 frames/min. Camera frames go through a real relay one at a time;
 * after each, every simulated viewer polls once (what the pointer's `next` hint asks for at 2 s per frame).
 * Porthole's bytes are measured on the wire (pointer JSON, 304s and images, headers included); the baseline,
 * the camera JPEG every frame, is counted as its body alone, which flatters the baseline slightly.
 */

import { startTestRelay, TOKEN } from '@porthole/testing';
import sharp from 'sharp';
import { grayPixels } from '../grayscale.ts';
import { LOOP_DIR } from '../repository-loop.ts';
import { type GrayImage, ssim } from '../ssim.ts';
import { mean } from '../stats.ts';
import { uploadFrame } from '../upload.ts';
import { CHOICES, createViewer, type Viewer } from './viewer.ts';

export const FRAMES_PER_MINUTE = 30;

export interface BandwidthRow {
  what: string;
  bytesPerViewerMinute: number;
  /** This row's bytes over the baseline's (camera JPEG every frame), same sequence, same run. */
  vsBaseline: number;
  imageBytesPerMinute: number;
  pointerBytesPerMinute: number;
  /** Mean SSIM of newly published images against the uploaded frame, at the image's size. */
  ssimPublished: number | null;
  /** Mean SSIM of what the viewer has on screen after each upload (stale frames count), same reference. */
  ssimSeen: number | null;
}

export interface BandwidthResult {
  sequence: string;
  frames: number;
  published: number;
  unchanged: number;
  cameraJpegMeanBytes: number;
  cameraSize: string;
  rows: BandwidthRow[];
}

export async function benchBandwidth(
  sequence: string,
  frames: AsyncIterable<Buffer>,
): Promise<BandwidthResult> {
  const relay = await startTestRelay({ loopDir: LOOP_DIR });
  const frameUrl = new URL('frame', relay.url);
  const viewers = CHOICES.map((choice) => createViewer(frameUrl, choice));
  const quality = new Map<Viewer, { published: number[]; seen: number[] }>(
    viewers.map((v) => [v, { published: [], seen: [] }]),
  );
  const plainJpeg = { bytes: 0, ssim: [] as number[] };
  let cameraBytes = 0;
  let count = 0;
  let cameraSize = '';
  try {
    for await (const jpeg of frames) {
      count++;
      cameraBytes += jpeg.length;
      const meta = await sharp(jpeg).metadata();
      cameraSize = `${meta.width}x${meta.height}`;
      await uploadFrame(relay.url, TOKEN, jpeg);
      await relay.idle();
      const references = new Map<string, GrayImage>();
      const referenceAt = async (width: number, height: number) => {
        const key = `${width}x${height}`;
        let ref = references.get(key);
        if (!ref) {
          ref = await grayPixels(jpeg, { width, height });
          references.set(key, ref);
        }
        return ref;
      };
      for (const viewer of viewers) {
        const fresh = await viewer.poll();
        const shown = viewer.shown();
        if (!shown) continue;
        const score = ssim(shown, await referenceAt(shown.width, shown.height));
        const q = quality.get(viewer)!;
        q.seen.push(score);
        if (fresh) q.published.push(score);
      }
      // Second reference point: a naive 640-px grayscale JPEG (q85) of every frame, no change check.
      const ref640 = await referenceAt(640, Math.round((640 * (meta.height ?? 480)) / (meta.width ?? 640)));
      const plain = await sharp(ref640.data, {
        raw: { width: ref640.width, height: ref640.height, channels: 1 },
      })
        .jpeg({ quality: 85 })
        .toBuffer();
      plainJpeg.bytes += plain.length;
      plainJpeg.ssim.push(ssim(await grayPixels(plain), ref640));
    }
    const minutes = count / FRAMES_PER_MINUTE;
    const baseline = cameraBytes / minutes;
    const rows: BandwidthRow[] = [
      {
        what: `camera JPEG every frame (${cameraSize}, baseline)`,
        bytesPerViewerMinute: baseline,
        vsBaseline: 1,
        imageBytesPerMinute: baseline,
        pointerBytesPerMinute: 0,
        ssimPublished: 1,
        ssimSeen: 1,
      },
      {
        what: '640-px grayscale JPEG q85 every frame (no change check)',
        bytesPerViewerMinute: plainJpeg.bytes / minutes,
        vsBaseline: plainJpeg.bytes / minutes / baseline,
        imageBytesPerMinute: plainJpeg.bytes / minutes,
        pointerBytesPerMinute: 0,
        ssimPublished: mean(plainJpeg.ssim),
        ssimSeen: mean(plainJpeg.ssim),
      },
      ...viewers.map((v) => {
        const total = (v.imageBytes + v.pointerBytes) / minutes;
        const q = quality.get(v)!;
        return {
          what: `Porthole ${v.choice.format} ${v.choice.width} + pointer`,
          bytesPerViewerMinute: total,
          vsBaseline: total / baseline,
          imageBytesPerMinute: v.imageBytes / minutes,
          pointerBytesPerMinute: v.pointerBytes / minutes,
          ssimPublished: mean(q.published),
          ssimSeen: mean(q.seen),
        };
      }),
    ];
    return {
      sequence,
      frames: count,
      published: await counterValue(relay.metrics.published),
      unchanged: await counterValue(relay.metrics.unchanged),
      cameraJpegMeanBytes: cameraBytes / count,
      cameraSize,
      rows,
    };
  } finally {
    for (const v of viewers) v.close();
    await relay.dispose();
  }
}

/** The value of a prom-client counter (no labels). */
async function counterValue(metric: { get(): Promise<{ values: { value: number }[] }> }) {
  const { values } = await metric.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}
