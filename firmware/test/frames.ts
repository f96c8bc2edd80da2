/** The firmware tests' frames: real JPEGs made with sharp, each far from the next for the change check. */
import sharp from 'sharp';

const WIDTH = 480;
const HEIGHT = 360;

/**
 * A camera-like grayscale JPEG: a gradient whose brightness and direction depend on `n`, a bar at a place
 * of its own, and sensor grain, so consecutive frames are far apart for the relay's change check.
 */
export async function makeFrame(n: number): Promise<Buffer> {
  const light = 40 + ((n * 53) % 160);
  const bar = 20 + ((n * 97) % (WIDTH - 120));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
    <defs><linearGradient id="g" x1="0" y1="${n % 2}" x2="1" y2="${(n + 1) % 2}">
      <stop offset="0" stop-color="rgb(${light},${light},${light})"/><stop offset="1" stop-color="#101010"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <rect x="${bar}" y="40" width="90" height="280" fill="rgb(${255 - light},${255 - light},${255 - light})"/>
    <circle cx="${(n * 131) % WIDTH}" cy="${(n * 71) % HEIGHT}" r="60" fill="#f0f0f0"/></svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let seed = n * 7919 + 17;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = Math.max(0, Math.min(255, (data[i] ?? 0) + ((seed >>> 16) % 13) - 6));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality: 90 })
    .toBuffer();
}
