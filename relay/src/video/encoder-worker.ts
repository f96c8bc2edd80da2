/**
 * AV1 streams, encoded off the main thread: libaom (BSD) in libav.js's WebAssembly build (LGPL), so the
 * encoder arrives with `npm install` and its per-frame work never stalls a read. One worker holds every
 * stream the relay encodes (live, HLS, timelapse): one WebAssembly heap instead of one each.
 * Messages in: `{ id, stream, settings, width, height, channels, pixels, key }` or `{ stream, close: true }`;
 * out: `{ id, data, key }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import LibAVFactory from '@libav.js/variant-av1-opus';
import { toLimitedRangeI420 } from './i420.ts';

interface LibAV {
  AV_PIX_FMT_YUV420P: number;
  ff_init_encoder(
    name: string,
    opts: { ctx: Record<string, number>; time_base: [number, number]; options: Record<string, string> },
  ): Promise<[number, number, number, number, number]>;
  ff_encode_multi(
    c: number,
    frame: number,
    pkt: number,
    frames: unknown[],
  ): Promise<{ data: Uint8Array; flags: number }[]>;
  ff_free_encoder(c: number, frame: number, pkt: number): Promise<void>;
  av_log_set_level(level: number): Promise<void>;
}

export interface EncoderSettings {
  /** libaom's constant-quality level (0–63; higher is smaller). */
  crf: number;
  /** libaom realtime speed, 0–10: 10 is about half the CPU of 8 for 3 % more bytes at equal SSIM. */
  speed: number;
}

const AV_PICTURE_TYPE_I = 1;
const libav = (await (LibAVFactory as { LibAV(o: object): Promise<LibAV> }).LibAV({
  noworker: true,
})) as LibAV;
// libav would print to the relay's stdout, which carries JSON log lines only: errors come back as results.
const AV_LOG_QUIET = -8;
await libav.av_log_set_level(AV_LOG_QUIET);
interface Stream {
  width: number;
  height: number;
  c: number;
  frame: number;
  pkt: number;
  pts: number;
}
const streams = new Map<number, Stream>();

async function close(id: number) {
  const stream = streams.get(id);
  streams.delete(id);
  if (stream) await libav.ff_free_encoder(stream.c, stream.frame, stream.pkt);
}

async function open(id: number, settings: EncoderSettings, width: number, height: number) {
  await close(id);
  const [, c, frame, pkt] = await libav.ff_init_encoder('libaom-av1', {
    // Keys come when the relay asks for them (gop_size only bounds a stream that never asks).
    ctx: {
      width,
      height,
      pix_fmt: libav.AV_PIX_FMT_YUV420P,
      gop_size: 1000,
      framerate_num: 1,
      framerate_den: 2,
    },
    time_base: [1, 1],
    // Realtime, no lookahead: a frame's chunk exists as soon as the frame does.
    options: {
      usage: 'realtime',
      'cpu-used': String(Math.min(settings.speed, 8)),
      'lag-in-frames': '0',
      crf: String(settings.crf),
      // FFmpeg's own option stops at 8; libaom's realtime speeds go to 10, set through its parameters.
      ...(settings.speed > 8 ? { 'aom-params': `cpu-used=${settings.speed}` } : {}),
    },
  });
  const stream = { width, height, c, frame, pkt, pts: 0 };
  streams.set(id, stream);
  return stream;
}

interface Job {
  id: number;
  stream: number;
  settings: EncoderSettings;
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array;
  key: boolean;
}

let chain = Promise.resolve();
parentPort?.on('message', (job: Job | { stream: number; close: true }) => {
  chain = chain.then(async () => {
    if ('close' in job) return close(job.stream);
    try {
      const { data, width, height, layout } = toLimitedRangeI420(
        job.pixels,
        job.width,
        job.height,
        job.channels,
      );
      const stream = streams.get(job.stream);
      const changedSize = stream?.width !== width || stream?.height !== height;
      const s = changedSize ? await open(job.stream, job.settings, width, height) : stream!;
      const frame = { data, layout, width, height, format: libav.AV_PIX_FMT_YUV420P, pts: s.pts++ };
      const picture = job.key || changedSize ? { ...frame, pict_type: AV_PICTURE_TYPE_I } : frame;
      const packets = await libav.ff_encode_multi(s.c, s.frame, s.pkt, [picture]);
      const packet = packets[0];
      if (packets.length !== 1 || !packet)
        throw new Error(`the encoder gave ${packets.length} packets for one frame`);
      const out = packet.data.slice();
      parentPort?.postMessage({ id: job.id, data: out, key: (packet.flags & 1) === 1 }, [out.buffer]);
    } catch (error) {
      parentPort?.postMessage({ id: job.id, error: (error as Error).message ?? String(error) });
    }
  });
});
parentPort?.postMessage({ ready: true });
