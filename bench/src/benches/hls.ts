/**
 * The HLS stream against the live video path, on the same camera frames: what a player pulling
 * `/hls/live.m3u8` pays per viewer-minute (a playlist reload per segment, each new segment, headers
 * included, counted on the socket), and the SSIM of what it decodes. The relay runs at a 500 ms interval
 * so a sequence takes a quarter of its time; segments keep the default shape (three frames, a key each),
 * and bytes per frame are what a 2 s camera pays per frame.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORDING_PATHS } from '@porthole/protocol';
import { closestSource, grayThumb, startTestRelay, TOKEN } from '@porthole/testing';
import sharp from 'sharp';
import { grayPixels } from '../grayscale.ts';
import { LOOP_DIR } from '../repository-loop.ts';
import { ssim } from '../ssim.ts';
import { mean } from '../stats.ts';
import { uploadFrame } from '../upload.ts';
import { wireClient } from '../wire-client.ts';
import { FRAMES_PER_MINUTE } from './bandwidth.ts';

const INTERVAL_MS = 500;
const WIDTH = 640;
const HEIGHT = 480;

export interface HlsResult {
  frames: number;
  segments: number;
  bytesPerViewerMinute: number;
  playlistBytesPerMinute: number;
  ssim: number | null;
  skipped: string | null;
}

/** Debian's ffmpeg, if installed: the stream's decoder for SSIM. */
export function whichFfmpeg(): string | undefined {
  return spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0 ? 'ffmpeg' : undefined;
}

export async function benchHls(frames: Buffer[], ffmpeg: string | undefined): Promise<HlsResult> {
  const none = { frames: 0, segments: 0, bytesPerViewerMinute: 0, playlistBytesPerMinute: 0, ssim: null };
  if (!ffmpeg)
    return {
      ...none,
      skipped: 'ffmpeg is not installed (apt-get install ffmpeg), which decodes the stream for SSIM',
    };
  const relay = await startTestRelay({
    loopDir: LOOP_DIR,
    offlineAfter: '1h',
    interval: `${INTERVAL_MS}ms`,
    hls: true,
    hlsSegment: `${INTERVAL_MS * 3}ms`,
    hlsWindow: 100,
  });
  const player = wireClient();
  const fetched = new Set<string>();
  let segmentBytes = 0;
  let playlistBytes = 0;
  const playlistUrl = new URL(`.${RECORDING_PATHS.hlsPlaylist}`, relay.url);
  // A player reloads the playlist about once per segment and fetches what is new on it.
  const pull = async () => {
    const playlist = await player.get(playlistUrl);
    if (playlist.status !== 200) return;
    playlistBytes += playlist.wireBytes;
    const text = playlist.body.toString('utf8');
    const uris = [...text.matchAll(/URI="([^"]+)"/g)].map((m) => m[1]!);
    uris.push(...text.split('\n').filter((line) => line && !line.startsWith('#')));
    for (const uri of uris) {
      if (fetched.has(uri)) continue;
      fetched.add(uri);
      segmentBytes += (await player.get(new URL(uri, playlistUrl))).wireBytes;
    }
  };
  try {
    const started = Date.now();
    for (let i = 0; i < frames.length; i++) {
      await uploadFrame(relay.url, TOKEN, frames[i]!);
      if (i % 3 === 2) await pull();
      await new Promise((r) => setTimeout(r, Math.max(0, started + (i + 1) * INTERVAL_MS - Date.now())));
    }
    await pull();
    const decoded = await decodeStream(
      ffmpeg,
      (await player.get(playlistUrl)).body.toString('utf8'),
      playlistUrl,
    );
    // Each HLS frame is whatever was on air: score it against the uploaded frame it shows.
    const sources = await Promise.all(frames.map((f) => grayPixels(f, { width: WIDTH, height: HEIGHT })));
    const thumbs = await Promise.all(frames.map(grayThumb));
    const scores: number[] = [];
    for (const picture of decoded) {
      const png = await sharp(picture, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } })
        .png()
        .toBuffer();
      const { index } = await closestSource(png, thumbs);
      scores.push(ssim({ data: picture, width: WIDTH, height: HEIGHT }, sources[index]!));
    }
    const perFrame = (segmentBytes + playlistBytes) / frames.length;
    return {
      frames: frames.length,
      segments: fetched.size - 1,
      bytesPerViewerMinute: perFrame * FRAMES_PER_MINUTE,
      playlistBytesPerMinute: (playlistBytes / frames.length) * FRAMES_PER_MINUTE,
      ssim: scores.length ? mean(scores) : null,
      skipped: null,
    };
  } finally {
    player.close();
    await relay.dispose();
  }
}

/**
 * Every picture the live playlist lists, as 640×480 gray bytes, decoded by ffmpeg as a player would. The
 * playlist is closed (`EXT-X-ENDLIST`) in a copy, so ffmpeg reads what is there and stops.
 */
async function decodeStream(ffmpeg: string, playlist: string, base: URL): Promise<Buffer[]> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-hls-bench-'));
  const closed = join(dir, 'closed.m3u8');
  const absolute = playlist
    .replace(/URI="([^"]+)"/g, (_, uri: string) => `URI="${new URL(uri, base).href}"`)
    .split('\n')
    .map((line) => (line && !line.startsWith('#') ? new URL(line, base).href : line))
    .join('\n');
  await writeFile(closed, `${absolute.trimEnd()}\n#EXT-X-ENDLIST\n`);
  try {
    return await new Promise((resolve, reject) => {
      // Planar 4:2:0 as decoded; the luma is limited range, widened below as a display would show it.
      const args = ['-v', 'error', '-protocol_whitelist', 'file,http,tcp', '-i', closed];
      args.push('-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-');
      const child = spawn(ffmpeg, args);
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0) return reject(new Error(`ffmpeg exited ${code} decoding the HLS stream`));
        const all = Buffer.concat(chunks);
        const luma = WIDTH * HEIGHT;
        const frame = luma * 1.5;
        const widen = (v: number) => Math.max(0, Math.min(255, Math.round(((v - 16) * 255) / 219)));
        const count = Math.floor(all.length / frame);
        resolve(
          Array.from({ length: count }, (_, i) =>
            Buffer.from(all.subarray(i * frame, i * frame + luma).map(widen)),
          ),
        );
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
