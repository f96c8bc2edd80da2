import { HEADERS } from '@porthole/protocol';
import { uploadWithTus } from '@porthole/testing';
import sharp from 'sharp';

/** A distinct 640x480 grayscale test frame: a bright disc and a label that move with `n`. */
export async function testFrame(n: number): Promise<Buffer> {
  const x = 80 + ((n * 97) % 480);
  const y = 80 + ((n * 61) % 320);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="480" fill="#3a3a3a"/>
    <rect x="0" y="360" width="640" height="120" fill="#202020"/>
    <circle cx="${x}" cy="${y}" r="70" fill="#e8e8e8"/>
    <text x="24" y="452" font-family="DejaVu Sans" font-size="56" fill="#ffffff">LIVE ${n}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** Uploads one frame over tus, as the camera does; resolves with the `Porthole-Waves` it was told. */
export async function uploadFrame(relayUrl: string, token: string, frame: Buffer): Promise<number> {
  const headers = await uploadWithTus(relayUrl, frame, token, {
    metadata: { filename: 'frame.jpg', filetype: 'image/jpeg' },
    // Creation, then PATCH: the camera's own request pattern.
    uploadDataDuringCreation: false,
    retryDelays: [],
  });
  return Number(headers[HEADERS.waves.toLowerCase()] ?? 0);
}

/**
 * A software camera for the tests: uploads a new frame every `intervalMs` until stopped, and
 * keeps the waves each upload's response reported.
 */
export function startCamera(relayUrl: () => string, token: string, intervalMs = 2000) {
  let n = 0;
  let stopped = false;
  const waves: number[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const shoot = async () => {
    try {
      waves.push(await uploadFrame(relayUrl(), token, await testFrame(++n)));
    } catch {
      // The relay is down in one test; the camera just tries again next time.
    }
    if (!stopped) timer = setTimeout(shoot, intervalMs);
  };
  const first = shoot();
  return {
    first,
    waves,
    get uploads() {
      return n;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
