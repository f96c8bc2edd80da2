/**
 * A camera-like photographic sequence: shots of real photos with still periods (only sensor noise and
 * tiny exposure jitter), slow pans, a zoom, a light change and something crossing the frame, encoded the
 * way a cheap camera uploads them (colour JPEG, quality 75, 4:2:0).
 */

import { seededRandom } from '@porthole/testing';
import sharp from 'sharp';
import { gaussian } from './gaussian.ts';
import type { PhotoName } from './photos.ts';

export type ShotKind = 'still' | 'pan' | 'zoom' | 'light' | 'crossing';

export interface Shot {
  kind: ShotKind;
  photo: PhotoName;
  /** Share of the sequence's frames. */
  share: number;
}

/** About 60 % still, like a desk that is mostly empty, and 40 % with something moving. */
export const SCRIPT: readonly Shot[] = [
  { kind: 'still', photo: 'EveningGlow', share: 0.2 },
  { kind: 'pan', photo: 'EveningGlow', share: 0.15 },
  { kind: 'light', photo: 'EveningGlow', share: 0.1 },
  { kind: 'still', photo: 'Path', share: 0.15 },
  { kind: 'zoom', photo: 'Path', share: 0.1 },
  { kind: 'still', photo: 'BytheWater', share: 0.15 },
  { kind: 'crossing', photo: 'BytheWater', share: 0.15 },
];

export interface CameraFrame {
  jpeg: Buffer;
  kind: ShotKind;
}

export interface SequenceOptions {
  frames: number;
  width: number;
  height: number;
  photos: Record<PhotoName, string>;
  quality?: number;
  /** Sensor noise, standard deviation in 8-bit levels per channel. */
  noise?: number;
  seed?: number;
  /** The shots to film; the default is the realistic mix above. */
  script?: readonly Shot[];
}

/** Every frame different from the last (for timing the pipeline, where the change check must not skip). */
export const MOVING_SCRIPT: readonly Shot[] = [
  { kind: 'pan', photo: 'EveningGlow', share: 0.5 },
  { kind: 'zoom', photo: 'Path', share: 0.5 },
];

interface Decoded {
  data: Buffer;
  width: number;
  height: number;
}

/** Frames in order; every call with the same options gives the same bytes. */
export async function* cameraSequence(options: SequenceOptions): AsyncGenerator<CameraFrame> {
  const { frames, width, height, quality = 60, noise = 2, seed = 1, script = SCRIPT } = options;
  const decoded = new Map<PhotoName, Decoded>();
  const load = async (name: PhotoName) => {
    let image = decoded.get(name);
    if (!image) {
      const { data, info } = await sharp(options.photos[name])
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      image = { data, width: info.width, height: info.height };
      decoded.set(name, image);
    }
    return image;
  };
  const normal = gaussian(seededRandom(seed));
  const counts = shotLengths(frames, script);
  const passer = await load('FallenLeaf');
  for (const [index, shot] of script.entries()) {
    const source = await load(shot.photo);
    const length = counts[index]!;
    for (let i = 0; i < length; i++) {
      const t = length > 1 ? i / (length - 1) : 0;
      const frame = await renderFrame(source, shot.kind, t, width, height, passer);
      const gain = 1 + normal() * 0.002 + (shot.kind === 'light' ? -0.3 * t : 0);
      addSensorNoise(frame, gain, noise, normal);
      const jpeg = await sharp(frame, { raw: { width, height, channels: 3 } })
        .jpeg({ quality, chromaSubsampling: '4:2:0' })
        .toBuffer();
      yield { jpeg, kind: shot.kind };
    }
  }
}

/** Split `frames` across the script's shots by share, every shot at least one frame. */
export function shotLengths(frames: number, script: readonly Shot[] = SCRIPT): number[] {
  const raw = script.map((s) => Math.max(1, Math.floor(s.share * frames)));
  let left = frames - raw.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % raw.length, left--) raw[i]! += 1;
  return raw;
}

/** The shot's crop at time t (0..1), scaled to the camera's size, as raw RGB. */
async function renderFrame(
  source: Decoded,
  kind: ShotKind,
  t: number,
  width: number,
  height: number,
  passer: Decoded,
): Promise<Buffer> {
  // A 4:3 window, 70 % of the photo's height, moved or scaled by the shot.
  const baseH = Math.round(source.height * 0.7);
  const zoom = kind === 'zoom' ? 1 + 0.6 * t : 1;
  const cropH = Math.round(baseH / zoom);
  const cropW = Math.round((cropH * 4) / 3);
  const centreX = kind === 'pan' ? 0.3 + 0.4 * t : 0.5;
  const left = Math.round((source.width - cropW) * centreX);
  const top = Math.round((source.height - cropH) / 2);
  const image = sharp(source.data, { raw: { width: source.width, height: source.height, channels: 3 } })
    .extract({ left, top, width: cropW, height: cropH })
    .resize(width, height);
  const frame = await image.raw().toBuffer();
  if (kind === 'crossing') {
    // Something (a crop of another photo, a third of the frame wide) crosses from left to right.
    const w = Math.round(width / 3);
    const h = Math.round(height / 2);
    const patch = await sharp(passer.data, {
      raw: { width: passer.width, height: passer.height, channels: 3 },
    })
      .extract({
        left: Math.round(passer.width * 0.43),
        top: Math.round(passer.height * 0.19),
        width: Math.round(passer.width * 0.27),
        height: Math.round(passer.height * 0.62),
      })
      .resize(w, h)
      .raw()
      .toBuffer();
    const x0 = Math.round((width - w) * t);
    const y0 = Math.round(height / 3);
    for (let y = 0; y < h; y++) patch.copy(frame, ((y0 + y) * width + x0) * 3, y * w * 3, (y + 1) * w * 3);
  }
  return frame;
}

function addSensorNoise(pixels: Buffer, gain: number, sigma: number, normal: () => number): void {
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i]! * gain + normal() * sigma;
    pixels[i] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
  }
}
