/**
 * "Today in a minute": a frame of what is on air every `everyMs` (outside excluded hours) goes into the
 * day's own AV1 stream; every few minutes the day so far is remuxed into an MP4 and an HLS VOD, and once the
 * day is over its files are final. Days older than the retention period, and the oldest days when the disk
 * budget is reached, are deleted.
 */
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import sharp from 'sharp';
import type { RawImage } from '../pipeline/masks.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import type { OnAirPictures } from './on-air-picture.ts';
import type { RecordingMetrics } from './recording-metrics.ts';
import type { RestartableEncoder } from './restartable-encoder.ts';
import { renderDay } from './timelapse-render.ts';
import { appendSample, readSamples } from './timelapse-samples.ts';
import { dayOf, isExcluded, slotOf } from './timelapse-schedule.ts';

/** A key every two seconds of playback, so a viewer can seek. */
const KEY_EVERY_SECONDS = 2;
/** `<date>.jpg` (the poster) and `<date>-<frames>.<mp4|hls.mp4|m3u8>` (one render, never rewritten). */
export const DAY_FILE = /^(\d{4}-\d{2}-\d{2})(?:\.jpg|-\d{1,6}\.(?:mp4|hls\.mp4|m3u8))$/;

export interface DayEntry {
  date: string;
  frames: number;
  seconds: number;
  /** First and last frame's times (ms). */
  from: number;
  to: number;
  /** The day is over and its files will not change. */
  final: boolean;
  /** Mean brightness of the poster frame: the brightest frame of the day so far is its poster. */
  posterLuma: number;
  /** The newest render's base name, `<date>-<frames>`, and the one before (still served to who began it). */
  render?: string;
  previous?: string;
}

export interface TimelapseOptions {
  dir: string;
  pictures: OnAirPictures;
  encoder: RestartableEncoder;
  everyMs: number;
  fps: number;
  renderEveryMs: number;
  retentionMs: number;
  excludedHours: ReadonlySet<number>;
  /** Bytes the timelapse files may take now (the budget less what the live HLS uses). */
  maxBytes: () => number;
  metrics: RecordingMetrics;
  log: Logger;
}

const samplesFile = (date: string) => `${date}.samples`;
const RENDER_FILES = ['mp4', 'hls.mp4', 'm3u8'];

export async function openTimelapse(options: TimelapseOptions) {
  const { dir, fps, metrics, log } = options;
  await mkdir(dir, { recursive: true });
  const days = new Map<string, DayEntry>();
  try {
    for (const d of JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as DayEntry[])
      days.set(d.date, d);
  } catch {}
  let lastSlot = -Infinity;
  /** Today's stream: its size, and frames since its last key (none yet: the next frame is a key). */
  let recording: { date: string; sinceKey?: number; width: number; height: number } | undefined;
  let lastRenderAt = -Infinity;
  let rendered = { date: '', frames: 0 };
  let full: string | undefined;

  const path = (name: string) => join(dir, name);
  const saveIndex = () => writeFileAtomic(path('index.json'), JSON.stringify([...days.values()]));

  async function usage(): Promise<number> {
    let total = 0;
    for (const name of await readdir(dir)) total += (await stat(path(name)).catch(() => ({ size: 0 }))).size;
    return total;
  }

  async function deleteDay(date: string): Promise<void> {
    days.delete(date);
    for (const name of await readdir(dir))
      if (name.startsWith(date)) await unlink(path(name)).catch(() => {});
    await saveIndex();
  }

  const deleteRender = async (base: string | undefined) => {
    if (base) for (const ext of RENDER_FILES) await unlink(path(`${base}.${ext}`)).catch(() => {});
  };

  /** Make room for `more` bytes by deleting the oldest finished days; false when that is not enough. */
  async function roomFor(more: number): Promise<boolean> {
    for (;;) {
      if ((await usage()) + more <= options.maxBytes()) return true;
      const oldest = [...days.values()]
        .filter((d) => d.final)
        .sort((a, b) => a.date.localeCompare(b.date))[0];
      if (!oldest) return false;
      log.info({ date: oldest.date }, 'timelapse of a day deleted: the recordings disk budget is full');
      await deleteDay(oldest.date);
    }
  }

  async function render(date: string, final: boolean): Promise<void> {
    const stored = await readSamples(path(samplesFile(date)));
    const base = `${date}-${stored.length}`;
    const rendered = renderDay(base, stored, fps);
    const entry = days.get(date);
    if (!rendered || !entry) return;
    const need = rendered.mp4.length + rendered.fragmented.length + rendered.playlist.length;
    if (!(await roomFor(need))) {
      if (full !== date) log.warn({ date }, 'timelapse not rendered: the recordings disk budget is full');
      full = date;
      return;
    }
    await writeFileAtomic(path(`${base}.hls.mp4`), rendered.fragmented);
    await writeFileAtomic(path(`${base}.m3u8`), rendered.playlist);
    await writeFileAtomic(path(`${base}.mp4`), rendered.mp4);
    const { render: newest, previous } = entry;
    Object.assign(entry, { frames: rendered.frames, seconds: rendered.seconds, final, render: base });
    entry.previous = final || newest === base ? undefined : newest;
    await saveIndex();
    for (const old of new Set([previous, ...(final ? [newest] : [])]))
      if (old !== base) await deleteRender(old);
    if (final) await unlink(path(samplesFile(date))).catch(() => {});
  }

  /** Days with samples but no final render: the relay was off when they ended, or they just ended. */
  async function finishDaysBefore(today: string): Promise<void> {
    for (const entry of [...days.values()])
      if (!entry.final && entry.date < today) {
        await render(entry.date, true);
        if (!days.get(entry.date)?.final) await deleteDay(entry.date);
        log.info({ date: entry.date, frames: entry.frames }, 'timelapse of the day finished');
      }
  }

  async function sample(at: number, date: string): Promise<void> {
    const picture = await options.pictures.now();
    if (!picture) return;
    if (recording?.date !== date) {
      // A new day, or a restarted relay, starts the day's stream with a key, at the size the day began with.
      const first = (await readSamples(path(samplesFile(date))))[0];
      const { width, height } = picture.image;
      recording = { date, width: first?.width ?? width & ~1, height: first?.height ?? height & ~1 };
    }
    const image = await sized(picture.image, recording.width, recording.height);
    const keyEvery = KEY_EVERY_SECONDS * fps;
    const started = performance.now();
    const sinceKey = recording.sinceKey;
    const chunk = await options.encoder.encode(image, sinceKey === undefined || sinceKey >= keyEvery);
    metrics.recordingEncode.observe({ recording: 'timelapse' }, (performance.now() - started) / 1000);
    if (!(await roomFor(3 * chunk.data.length))) {
      if (full !== date) log.warn({ date }, 'timelapse paused for today: the recordings disk budget is full');
      full = date;
      return;
    }
    await appendSample(path(samplesFile(date)), {
      at,
      key: chunk.key,
      width: recording.width,
      height: recording.height,
      data: chunk.data,
    });
    recording.sinceKey = chunk.key ? 1 : (sinceKey ?? 0) + 1;
    const luma = meanOf(picture.image);
    const entry = days.get(date) ?? {
      date,
      frames: 0,
      seconds: 0,
      from: at,
      to: at,
      final: false,
      posterLuma: -1,
    };
    entry.to = at;
    entry.frames += 1;
    days.set(date, entry);
    if (luma >= entry.posterLuma) {
      const jpeg = await options.pictures.jpegOf(picture);
      if (jpeg) await writeFileAtomic(path(`${date}.jpg`), jpeg);
      entry.posterLuma = luma;
    }
    metrics.timelapseFrames.inc();
  }

  async function dropExpired(at: number): Promise<void> {
    const oldestKept = dayOf(at - options.retentionMs);
    for (const date of [...days.keys()]) if (date < oldestKept) await deleteDay(date);
  }

  return {
    /** Take the frame of `at`'s slot if due, render today if due, finish past days, drop expired ones. */
    async tick(at: number): Promise<void> {
      const date = dayOf(at);
      await finishDaysBefore(date);
      await dropExpired(at);
      const slot = slotOf(at, options.everyMs);
      if (slot > lastSlot && !isExcluded(at, options.excludedHours) && full !== date) await sample(at, date);
      lastSlot = Math.max(lastSlot, slot);
      const entry = days.get(date);
      const changed = entry && (rendered.date !== date || rendered.frames !== entry.frames);
      if (entry && changed && at - lastRenderAt >= options.renderEveryMs) {
        await render(date, false);
        lastRenderAt = at;
        rendered = { date, frames: entry.frames };
      }
    },
    /** Render today now (the index says how far it got). */
    renderNow: (at: number) => render(dayOf(at), false),
    /** Newest first. */
    days: (): DayEntry[] => [...days.values()].sort((a, b) => b.date.localeCompare(a.date)),
    /** The file of a kept day (it may be gone from disk by the time it is read). */
    pathOf(name: string): string | undefined {
      const match = DAY_FILE.exec(name);
      return match && days.has(match[1]!) ? path(name) : undefined;
    },
    day: (date: string): DayEntry | undefined => days.get(date),
    bytes: usage,
  };
}

export type Timelapse = Awaited<ReturnType<typeof openTimelapse>>;

async function sized(image: RawImage, width: number, height: number): Promise<RawImage> {
  if (image.width === width && image.height === height) return image;
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels as 1 | 3 },
  })
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width, height, channels: info.channels };
}

function meanOf(image: RawImage): number {
  let sum = 0;
  const step = Math.max(1, Math.floor(image.data.length / 4096));
  let n = 0;
  for (let i = 0; i < image.data.length; i += step, n++) sum += image.data[i]!;
  return sum / n;
}
