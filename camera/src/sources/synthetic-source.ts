import sharp from 'sharp';
import type { Frame, FrameSource } from './frame-source.ts';
import { addGrain } from './grain.ts';
import { SCENE_HEIGHT, SCENE_WIDTH, sceneMoment, syntheticSceneSvg } from './synthetic-scene.ts';

/** Renders frame `index` of the synthetic scene, clock at `time`, as a camera-like colour JPEG. */
export async function renderSyntheticFrame(index: number, time: Date): Promise<Buffer> {
  const moment = sceneMoment(index, time);
  const pixels = await sharp(Buffer.from(syntheticSceneSvg(moment)))
    .removeAlpha()
    .raw()
    .toBuffer();
  return sharp(addGrain(pixels, moment.grainSeed), {
    raw: { width: SCENE_WIDTH, height: SCENE_HEIGHT, channels: 3 },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** An endless synthetic scene: motion periods and still periods, clock at the real time. */
export function openSyntheticSource(now: () => Date = () => new Date()): FrameSource {
  let index = 0;
  return {
    describe: () => 'synthetic scene (someone at the desk, then an empty chair; the clock shows the time)',
    async next(): Promise<Frame> {
      const current = index++;
      const bytes = await renderSyntheticFrame(current, now());
      return { bytes, type: 'image/jpeg', name: `synthetic-${String(current).padStart(6, '0')}.jpg` };
    },
    async close() {},
  };
}
