/**
 * The live HLS stream: every camera interval, what is on air becomes the next frame of its own AV1 stream
 * (keys only where a segment starts), and each run of `segmentFrames` frames becomes a CMAF segment in a
 * sliding window. The frame's time is its slot on the interval grid, so segments tile the timeline.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { av1CodecString, sampleOf, sequenceHeaderOf } from './av1-sequence-header.ts';
import { initSegment, mediaSegment, type Sample } from './fmp4.ts';
import { livePlaylist, multivariantPlaylist, type PlaylistSegment } from './hls-playlist.ts';
import {
  addSegment,
  emptyWindow,
  listedSegments,
  playlistOf,
  type WindowLimits,
  type WindowState,
} from './hls-window.ts';
import type { OnAirPictures } from './on-air-picture.ts';
import type { RecordingMetrics } from './recording-metrics.ts';
import type { RestartableEncoder } from './restartable-encoder.ts';

export const HLS_FILE = /^[0-9a-f]{24}\.(m4s|mp4)$/;
const TIMESCALE = 1000;

interface InitInfo {
  uri: string;
  bytes: number;
  width: number;
  height: number;
  codecs: string;
}

interface Saved {
  window: WindowState;
  inits: InitInfo[];
}

interface Pending {
  samples: Sample[];
  startedAt: number;
  init: InitInfo;
  discontinuity: boolean;
}

export interface HlsRecorderOptions {
  dir: string;
  pictures: OnAirPictures;
  encoder: RestartableEncoder;
  intervalMs: number;
  segmentFrames: number;
  limits: WindowLimits;
  metrics: RecordingMetrics;
  log: Logger;
  /** Wall clock for latency figures. */
  now?: () => number;
}

const nameOf = (data: Buffer, extension: string) =>
  `${createHash('sha256').update(data).digest('hex').slice(0, 24)}.${extension}`;

export async function openHlsRecorder(options: HlsRecorderOptions) {
  const { dir, intervalMs, limits, metrics } = options;
  const now = options.now ?? Date.now;
  await mkdir(dir, { recursive: true });
  const saved = await loadSaved(join(dir, 'window.json'));
  let window = saved.window;
  const inits = new Map(saved.inits.map((i) => [i.uri, i]));
  await sweep(dir, new Set([...window.segments.map((s) => s.uri), ...inits.keys()]));
  // After a restart the timeline has a gap and the encoder is new: say so to players.
  let nextDiscontinuity = window.segments.length > 0;
  let pending: Pending | undefined;
  let lastSlot = -Infinity;
  let texts = render();

  function render() {
    const listed = listedSegments(window, limits);
    if (listed.length === 0) return undefined;
    const media = livePlaylist(playlistOf(window, limits, options.segmentFrames * intervalMs));
    const init = inits.get(listed.at(-1)!.initUri)!;
    const rates = listed.map((s) => (s.bytes * 8 * 1000) / s.durationMs);
    const multivariant = multivariantPlaylist({
      uri: 'live.m3u8',
      codecs: init.codecs,
      width: init.width,
      height: init.height,
      bandwidth: Math.ceil(Math.max(...rates)),
      averageBandwidth: Math.ceil(rates.reduce((a, b) => a + b, 0) / rates.length),
      frameRate: 1000 / intervalMs,
    });
    return { media, multivariant };
  }

  async function initFor(chunk: Buffer, width: number, height: number): Promise<InitInfo> {
    const sequenceHeader = sequenceHeaderOf(chunk);
    const data = initSegment({ width, height, timescale: TIMESCALE, sequenceHeader });
    const uri = nameOf(data, 'mp4');
    const known = inits.get(uri);
    if (known) return known;
    await writeFileAtomic(join(dir, uri), data);
    const info = { uri, bytes: data.length, width, height, codecs: av1CodecString(sequenceHeader) };
    inits.set(uri, info);
    return info;
  }

  async function finish(segment: Pending): Promise<void> {
    const sequence = window.firstSequence + window.segments.length;
    const data = mediaSegment(sequence + 1, segment.startedAt, segment.samples);
    const uri = nameOf(data, 'm4s');
    await writeFileAtomic(join(dir, uri), data);
    const entry: PlaylistSegment = {
      uri,
      durationMs: segment.samples.reduce((n, s) => n + s.duration, 0),
      startedAt: segment.startedAt,
      initUri: segment.init.uri,
      discontinuity: segment.discontinuity,
      bytes: data.length,
    };
    const added = addSegment(window, entry, limits, (u) => inits.get(u)?.bytes ?? 0);
    window = added.state;
    for (const u of added.unused) inits.delete(u);
    await writeFileAtomic(join(dir, 'window.json'), JSON.stringify({ window, inits: [...inits.values()] }));
    texts = render();
    await Promise.all(added.unused.map((u) => unlink(join(dir, u)).catch(() => {})));
    metrics.hlsSegments.inc();
    metrics.hlsSegmentDelay.observe((now() - segment.startedAt) / 1000);
  }

  /** Record the frame of the slot `at` falls in (once per slot); resolves when it is written. */
  async function frame(at: number): Promise<void> {
    const slot = Math.floor(at / intervalMs);
    if (slot <= lastSlot) return;
    const picture = await options.pictures.now();
    if (!picture) return;
    const { image } = picture;
    const width = image.width & ~1;
    const height = image.height & ~1;
    const missed = Number.isFinite(lastSlot) ? slot - lastSlot - 1 : 0;
    if (
      pending &&
      (pending.init.width !== width || pending.init.height !== height || missed >= options.segmentFrames)
    ) {
      await finish(pending);
      pending = undefined;
      nextDiscontinuity = true;
    } else if (pending && missed > 0) {
      // A frame or two late (a busy machine): the last frame simply stays up longer.
      pending.samples.at(-1)!.duration += missed * intervalMs;
    } else if (!pending && missed > 0) {
      nextDiscontinuity = true;
    }
    const started = performance.now();
    const chunk = await options.encoder.encode(image, !pending);
    metrics.recordingEncode.observe({ recording: 'hls' }, (performance.now() - started) / 1000);
    if (chunk.fresh && pending) {
      // A new encoder mid-segment (the old one failed): its key starts a new stream and a new segment.
      await finish(pending);
      pending = undefined;
      nextDiscontinuity = nextDiscontinuity || window.segments.length > 0;
    }
    if (!pending) {
      if (!chunk.key) throw new Error('the encoder did not start a segment with a key');
      const init = await initFor(chunk.data, width, height);
      const lastInit = window.segments.at(-1)?.initUri;
      const discontinuity = nextDiscontinuity || (lastInit !== undefined && lastInit !== init.uri);
      pending = { samples: [], startedAt: slot * intervalMs, init, discontinuity };
      nextDiscontinuity = false;
    }
    pending.samples.push({ data: sampleOf(chunk.data), key: chunk.key, duration: intervalMs });
    lastSlot = slot;
    if (pending.samples.length >= options.segmentFrames) {
      const done = pending;
      pending = undefined;
      await finish(done);
    }
  }

  return {
    frame,
    /** The live media playlist, once a segment exists. */
    playlist: (): string | undefined => texts?.media,
    /** The multivariant playlist naming the media playlist with its codec and size. */
    multivariant: (): string | undefined => texts?.multivariant,
    /** The path of a segment or init that is still kept, else undefined. */
    pathOf(name: string): string | undefined {
      const kept = inits.has(name) || window.segments.some((s) => s.uri === name);
      return HLS_FILE.test(name) && kept ? join(dir, name) : undefined;
    },
    /** Bytes of the segments and inits kept. */
    bytes: (): number =>
      window.segments.reduce((n, s) => n + s.bytes, 0) + [...inits.values()].reduce((n, i) => n + i.bytes, 0),
  };
}

export type HlsRecorder = Awaited<ReturnType<typeof openHlsRecorder>>;

async function loadSaved(path: string): Promise<Saved> {
  try {
    const saved = JSON.parse(await readFile(path, 'utf8')) as Saved;
    if (Array.isArray(saved.window?.segments) && Array.isArray(saved.inits)) return saved;
  } catch {}
  return { window: emptyWindow(), inits: [] };
}

/** Files of an earlier run that no saved playlist names (a crash between writing and listing). */
async function sweep(dir: string, kept: Set<string>): Promise<void> {
  for (const name of await readdir(dir))
    if (name !== 'window.json' && !kept.has(name)) await unlink(join(dir, name)).catch(() => {});
}
