/** GET /hls/… and /timelapse/…: playlists short-lived, media files immutable, all public and CORS-open. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RECORDING_PATHS, type TimelapseDay, type TimelapseIndex } from '@porthole/protocol';
import { IMAGE_HEADERS, IMMUTABLE } from '../delivery/cache-policy.ts';
import { relayError } from '../errors.ts';
import { sendFile } from '../http/ranged-file.ts';
import { send, sendJson } from '../http/respond.ts';
import type { HlsRecorder } from './hls-recorder.ts';
import type { DayEntry, Timelapse } from './timelapse.ts';
import { dayOf } from './timelapse-schedule.ts';

/** A live playlist changes every segment: a CDN may keep it a second, as it does the pointer. */
export const LIVE_PLAYLIST_CACHE = 'public, max-age=1, stale-if-error=10';
/** Today's timelapse moves on every few minutes; what it points at never changes. */
export const TODAY_CACHE = 'public, max-age=60, stale-while-revalidate=300';
const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
const TYPES: Record<string, string> = {
  m3u8: PLAYLIST_TYPE,
  mp4: 'video/mp4',
  m4s: 'video/mp4',
  jpg: 'image/jpeg',
};
const typeOf = (name: string) => TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';

export function hlsRoute(hls: HlsRecorder) {
  return (req: IncomingMessage, res: ServerResponse, path: string): void | Promise<void> => {
    if (path === RECORDING_PATHS.hlsPlaylist || path === RECORDING_PATHS.hlsMultivariant) {
      const text = path === RECORDING_PATHS.hlsPlaylist ? hls.playlist() : hls.multivariant();
      if (!text) throw relayError('NO_FRAME_YET');
      return send(
        res,
        200,
        { ...IMAGE_HEADERS, 'Content-Type': PLAYLIST_TYPE, 'Cache-Control': LIVE_PLAYLIST_CACHE },
        text,
      );
    }
    const file = hls.pathOf(path.slice(RECORDING_PATHS.hls.length));
    if (!file) throw relayError('NOT_FOUND');
    return sendFile(req, res, file, {
      ...IMAGE_HEADERS,
      'Content-Type': typeOf(path),
      'Cache-Control': IMMUTABLE,
    });
  };
}

export function timelapseRoute(
  timelapse: Timelapse,
  format: { fps: number; everyMs: number; now: () => number },
) {
  const prefix = RECORDING_PATHS.timelapse.slice(1);
  const publicDay = (d: DayEntry & { render: string }): TimelapseDay => ({
    date: d.date,
    mp4: `${prefix}${d.render}.mp4`,
    hls: `${prefix}${d.render}.m3u8`,
    poster: `${prefix}${d.date}.jpg`,
    frames: d.frames,
    seconds: d.seconds,
    from: new Date(d.from).toISOString(),
    to: new Date(d.to).toISOString(),
    final: d.final,
  });
  const rendered = () =>
    timelapse.days().filter((d): d is DayEntry & { render: string } => d.render !== undefined);

  return (req: IncomingMessage, res: ServerResponse, path: string): void | Promise<void> => {
    const name = path.slice(RECORDING_PATHS.timelapse.length);
    if (name === 'index.json') {
      const days = rendered().map(publicDay);
      const today = days.find((d) => d.date === dayOf(format.now()));
      const index: TimelapseIndex = {
        fps: format.fps,
        everySeconds: format.everyMs / 1000,
        ...(today ? { today } : {}),
        days,
      };
      return sendJson(res, 200, index, { ...IMAGE_HEADERS, 'Cache-Control': TODAY_CACHE });
    }
    const today = /^today\.(mp4|m3u8|jpg)$/.exec(name);
    if (today) {
      // The newest day: "today so far", or the last day recorded when today has nothing yet.
      const newest = rendered()[0];
      if (!newest) throw relayError('NO_FRAME_YET');
      const target = today[1] === 'jpg' ? `${newest.date}.jpg` : `${newest.render}.${today[1]}`;
      return send(res, 302, { ...IMAGE_HEADERS, Location: target, 'Cache-Control': TODAY_CACHE });
    }
    const file = timelapse.pathOf(name);
    if (!file) throw relayError('NOT_FOUND');
    const final = timelapse.day(name.slice(0, 10))?.final;
    const cache = name.endsWith('.jpg') && !final ? TODAY_CACHE : IMMUTABLE;
    return sendFile(req, res, file, {
      ...IMAGE_HEADERS,
      'Content-Type': typeOf(name),
      'Cache-Control': cache,
    });
  };
}
