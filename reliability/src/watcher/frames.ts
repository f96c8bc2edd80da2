/**
 * The recording's frames as an attacker works with them: one entry per sequence number the pointer
 * showed, in order, with its mode, the bytes of each variant and the JPEG's grayscale pixels.
 */
import type { FeedMode, VariantFormat } from '@porthole/protocol';
import sharp from 'sharp';
import type { Recording } from './recording.ts';

export interface SeenFrame {
  seq: number;
  /** When the watcher first saw it (epoch ms). */
  at: number;
  mode: FeedMode;
  /** The JPEG variant's URL (content-addressed: the same URL is the same picture). */
  url: string;
  /** Pointer `bytes` and `Content-Length` of the widest variants, by format; `av1`: the video chunk's bytes. */
  bytes: Partial<Record<VariantFormat | 'av1', number>>;
  contentLength: Partial<Record<VariantFormat, number>>;
  width: number;
  height: number;
  /** Grayscale, row by row. */
  pixels: Uint8Array;
}

export async function decodeFrames(recording: Recording): Promise<SeenFrame[]> {
  const lengths = new Map<string, number>();
  const bodies = new Map<string, Buffer>();
  for (const v of recording.variants) {
    if (v.status !== 200) continue;
    lengths.set(v.url, v.contentLength);
    if (v.format === 'jpeg' && v.data.length > 0) bodies.set(v.url, v.data);
  }
  const decoded = new Map<string, { data: Buffer; width: number; height: number } | undefined>();
  const frames: SeenFrame[] = [];
  let lastSeq = -1;
  for (const p of recording.pointers) {
    if (p.status !== 200 || p.seq <= lastSeq) continue;
    lastSeq = p.seq;
    const widest = Math.max(...p.variants.map((v) => v.width));
    const jpeg = p.variants.find((v) => v.format === 'jpeg' && v.width === widest);
    const body = jpeg && bodies.get(jpeg.url);
    if (!jpeg || !body) continue;
    // A URL seen before (the loop coming round again) is the same picture: decode it once.
    if (!decoded.has(jpeg.url)) {
      const { data, info } = await sharp(body).greyscale().raw().toBuffer({ resolveWithObject: true });
      decoded.set(jpeg.url, { data, width: info.width, height: info.height });
    }
    const image = decoded.get(jpeg.url)!;
    const frame: SeenFrame = {
      seq: p.seq,
      at: p.at,
      mode: p.mode,
      url: jpeg.url,
      bytes: {},
      contentLength: {},
      width: image.width,
      height: image.height,
      pixels: image.data,
    };
    for (const v of p.variants.filter((v) => v.width === widest)) {
      frame.bytes[v.format] = v.bytes;
      const length = lengths.get(v.url);
      if (length !== undefined) frame.contentLength[v.format] = length;
    }
    if (p.video) frame.bytes.av1 = p.video.chunk.bytes;
    frames.push(frame);
  }
  return frames;
}
