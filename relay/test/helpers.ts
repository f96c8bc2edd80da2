/** Shared test fixtures: a real relay on a loopback port, real images made with sharp, real uploads. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom as mulberry32 } from '@porthole/testing';
import sharp from 'sharp';
import * as tus from 'tus-js-client';
import { type Relay, type RelayHooks, type RelayOptions, startRelay } from '../src/index.ts';

export const TOKEN = 'test-token-0123456789abcdef';

/** A photo-like grayscale JPEG: smooth gradients, a few shapes placed by `seed`, and sensor-like grain. */
export async function makeJpeg(
  seed: number,
  options: { width?: number; height?: number; quality?: number; noise?: number } = {},
): Promise<Buffer> {
  const { width = 800, height = 600, quality = 85, noise = 6 } = options;
  const rand = mulberry32(seed);
  const shapes = Array.from({ length: 6 }, () => {
    const x = Math.round(rand() * width);
    const y = Math.round(rand() * height);
    const r = Math.round(30 + rand() * 120);
    const g = Math.round(40 + rand() * 200);
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="rgb(${g},${g},${g})" opacity="0.8"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#303030"/><stop offset="1" stop-color="#c8c8c8"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grain = mulberry32(seed * 7919 + 1);
  for (let i = 0; i < data.length; i++) data[i] = clamp(data[i]! + Math.round((grain() - 0.5) * 2 * noise));
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality })
    .toBuffer();
}

const clamp = (v: number) => Math.max(0, Math.min(255, v));

export { mulberry32 };

/** A small loop folder (three distinct frames) so relays in tests start fast. */
export async function makeLoopDir(frames = 3): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-loop-'));
  for (let i = 0; i < frames; i++)
    await sharp(await makeJpeg(1000 + i, { width: 320, height: 240 })).toFile(join(dir, `frame-${i}.jpg`));
  return dir;
}

export interface TestRelay extends Relay {
  dataDir: string;
  loopDir: string;
  /** Close the relay and delete its folders. */
  dispose(): Promise<void>;
}

export async function startTestRelay(
  options: RelayOptions & { loopDir?: string } = {},
  hooks: RelayHooks = {},
): Promise<TestRelay> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'porthole-data-')));
  const loopDir = options.loopDir ?? (await makeLoopDir());
  const relay = await startRelay(
    {
      port: 0,
      token: TOKEN,
      privacyWindows: 'off',
      logLevel: 'silent',
      ...options,
      dataDir,
      loopDir,
    },
    hooks,
  );
  return Object.assign(relay, {
    dataDir,
    loopDir,
    async dispose() {
      await relay.close();
      await rm(dataDir, { recursive: true, force: true });
      if (!options.loopDir) await rm(loopDir, { recursive: true, force: true });
    },
  });
}

/** Upload one frame with tus-js-client, the way the software camera does. Resolves with the last response's headers. */
export function uploadWithTus(
  base: string,
  bytes: Buffer,
  token = TOKEN,
  extra: Partial<tus.UploadOptions> = {},
): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    const upload = new tus.Upload(bytes, {
      endpoint: new URL('files/', base).href,
      headers: { Authorization: `Bearer ${token}` },
      uploadSize: bytes.length,
      retryDelays: [0, 100, 200],
      uploadDataDuringCreation: true,
      storeFingerprintForResuming: false,
      onAfterResponse: (_req, res) => {
        const waves = res.getHeader('Porthole-Waves');
        if (waves !== undefined) headers['porthole-waves'] = waves;
      },
      onError: reject,
      onSuccess: () => resolve(headers),
      ...extra,
    });
    upload.start();
  });
}

/** The legacy ESP32 sketch's request, byte for byte. */
export function legacyBody(jpeg: Buffer): Buffer {
  const head =
    '--LMR\r\nContent-Disposition: form-data; name="img"; filename="latest.jpg"\r\nContent-Type: image/jpeg\r\n\r\n';
  return Buffer.concat([Buffer.from(head), jpeg, Buffer.from('\r\n--LMR--\r\n')]);
}

export async function getPointer(base: string): Promise<{
  seq: number;
  mode: string;
  next: number;
  waves: number;
  variants: { format: string; width: number; height: number; bytes: number; url: string }[];
}> {
  const res = await fetch(new URL('frame', base));
  if (res.status !== 200) throw new Error(`GET /frame answered ${res.status}`);
  return res.json() as never;
}

/** Poll until `check` passes or the time runs out (for asynchronous publishing). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
}

/** Mean absolute pixel difference between two images after decoding both to the same small grayscale size. */
export async function pixelDistance(a: Buffer, b: Buffer): Promise<number> {
  const norm = (img: Buffer) => sharp(img).greyscale().resize(160, 120, { fit: 'fill' }).raw().toBuffer();
  const [x, y] = await Promise.all([norm(a), norm(b)]);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]! - y[i]!);
  return sum / x.length;
}
