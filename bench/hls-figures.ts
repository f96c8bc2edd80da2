/**
 * The HLS stream's cost next to the live /video path, on the same frames and encoder settings: a 640-px
 * room where something changes every 6th frame (2 s interval), 5 simulated minutes. The live path encodes
 * only frames the change check lets through (a key every 30 of those); HLS encodes every interval (a key
 * at each 6-second segment). Also: SSIM of each against the source, decoded as a viewer decodes it.
 * Run: node --conditions=porthole-source bench/hls-figures.ts
 */
import { makeJpeg, openAv1Decoder } from '@porthole/testing';
import sharp from 'sharp';
import { openStreamEncoder } from '../relay/src/video/encoder.ts';
import { ssim } from './src/ssim.ts';

const FRAMES = 150; // 5 minutes at 2 s
const CHANGE_EVERY = 6;
const gray = async (jpeg: Buffer) => {
  const { data, info } = await sharp(jpeg)
    .resize(640, 480)
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 1 };
};
const scenes = await Promise.all(
  Array.from({ length: Math.ceil(FRAMES / CHANGE_EVERY) }, (_, i) => makeJpeg(i).then(gray)),
);
const frameAt = (i: number) => scenes[Math.floor(i / CHANGE_EVERY)]!;

async function run(name: string, encodeFrame: (i: number) => boolean, keyAt: (n: number) => boolean) {
  const encoder = await openStreamEncoder();
  const decoder = await openAv1Decoder();
  let bytes = 0;
  let scores = 0;
  let n = 0;
  let shown: Awaited<ReturnType<typeof decoder.decode>> | undefined;
  for (let i = 0; i < FRAMES; i++) {
    if (encodeFrame(i)) {
      const chunk = await encoder.encode(frameAt(i), keyAt(n++));
      bytes += chunk.data.length;
      shown = await decoder.decode(chunk.data, chunk.key);
    }
    scores += ssim({ data: shown!.gray, width: shown!.width, height: shown!.height }, frameAt(i));
  }
  await encoder.close();
  await decoder.close();
  const minutes = (FRAMES * 2) / 60;
  console.log(
    `${name}: ${(bytes / minutes / 1024).toFixed(1)} kB per viewer-minute, mean SSIM ${(scores / FRAMES).toFixed(4)}`,
  );
}

await run(
  'live /video (changed frames only, key every 30)',
  (i) => i % CHANGE_EVERY === 0,
  (n) => n % 30 === 0,
);
await run(
  'HLS (every 2 s frame, key every 3 = 6 s segments)',
  () => true,
  (n) => n % 3 === 0,
);
await run(
  'HLS with 12 s segments (key every 6)',
  () => true,
  (n) => n % 6 === 0,
);
