/**
 * The scoring's time grid. A bin is scored when the pointer said `live` throughout and the camera
 * uploaded in it; it belongs to a window when it overlaps one (its end stretched by `edgeMs`, since the
 * seam at a window's close shows on the first live frame after it); it is "moving" when someone walked in
 * the footage during it or the bin before (what a walk does to the published frames shows a little
 * later). All of this is ground truth: the attacks never see it.
 */
import type { CameraUpload, PrivacyWindow, Recording } from '../recording.ts';

export interface Bin {
  start: number;
  end: number;
  scored: boolean;
  /** Index into the windows, or -1. */
  window: number;
  moving: boolean;
}

export interface BinOptions {
  binMs: number;
  /** After a window's end, how long its effects still count as the window's. */
  edgeMs: number;
  /** Skipped after the feed goes live, while running baselines have nothing to go on. */
  warmupMs: number;
}

export function makeBins(
  recording: Recording,
  windows: PrivacyWindow[],
  uploads: CameraUpload[],
  options: BinOptions,
): Bin[] {
  const { binMs, edgeMs, warmupMs } = options;
  const firstLive = recording.pointers.find((p) => p.mode === 'live')?.at;
  const lastUpload = uploads.at(-1)?.at;
  if (firstLive === undefined || lastUpload === undefined) return [];
  const bins: Bin[] = [];
  let pointer = 0;
  let upload = 0;
  for (let start = firstLive + warmupMs; start + binMs <= lastUpload; start += binMs) {
    const end = start + binMs;
    let live = true;
    // The mode in force at the bin's start (the last answer before it), then every answer inside it.
    while (pointer + 1 < recording.pointers.length && recording.pointers[pointer + 1]!.at <= start) pointer++;
    for (let i = pointer; i < recording.pointers.length && recording.pointers[i]!.at < end; i++)
      if (recording.pointers[i]!.mode !== 'live') live = false;
    while (upload < uploads.length && uploads[upload]!.at < start) upload++;
    let uploaded = 0;
    let moving = false;
    for (let i = upload; i < uploads.length && uploads[i]!.at < end; i++) {
      uploaded++;
      moving ||= uploads[i]!.moving;
    }
    const window = windows.findIndex((w) => w.start < end && w.end + edgeMs > start);
    bins.push({ start, end, scored: live && uploaded > 0, window, moving });
  }
  return bins.map((bin, i) => ({ ...bin, moving: bin.moving || (i > 0 && bins[i - 1]!.moving) }));
}
