/** The recordings' public paths and the timelapse index, shared by the relay and the Astro component. */

export const RECORDING_PATHS = {
  /** The live HLS media playlist; its segments and init segments sit beside it under `/hls/`. */
  hlsPlaylist: '/hls/live.m3u8',
  /** A multivariant playlist naming the live one with its CODECS and RESOLUTION. */
  hlsMultivariant: '/hls/index.m3u8',
  hls: '/hls/',
  /** `index.json`, `today.mp4|m3u8|jpg`, `<YYYY-MM-DD>.jpg`, `<YYYY-MM-DD>-<frames>.mp4|m3u8|hls.mp4`. */
  timelapse: '/timelapse/',
  timelapseIndex: '/timelapse/index.json',
} as const;

/** One day's timelapse in the index. URLs are relative to the relay's base URL, like the pointer's. */
export interface TimelapseDay {
  date: string;
  /** A progressive MP4 (AV1), and an HLS VOD playlist of the same frames. */
  mp4: string;
  hls: string;
  poster: string;
  frames: number;
  seconds: number;
  /** ISO times of the first and last frame recorded. */
  from: string;
  to: string;
  /** The day is over: its files never change again. */
  final: boolean;
}

export interface TimelapseIndex {
  /** Frames per second the timelapses play at, and how far apart in real time their frames were taken. */
  fps: number;
  everySeconds: number;
  /** Today so far, when today has frames. */
  today?: TimelapseDay;
  /** Every day kept, newest first (today included). */
  days: TimelapseDay[];
}
