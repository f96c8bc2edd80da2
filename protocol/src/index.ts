/**
 * @porthole/protocol: the wire contract between camera, relay and browser, declared once.
 * Dependency-free, so the island, the firmware's test and the relay all import the same names.
 */
import type { PointerVideo } from './video.ts';

// Its own module, so the video path's run decoder (loaded lazily by the island) needs nothing else.
export { FEED_MODES, type FeedMode } from './modes.ts';

import type { FeedMode } from './modes.ts';

/** Still formats, best compression first. */
export const VARIANT_FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

/** How a variant's format appears on the wire: its file extension and its `Content-Type`. */
export const VARIANT_FILE: Record<VariantFormat, { extension: string; contentType: string }> = {
  avif: { extension: 'avif', contentType: 'image/avif' },
  webp: { extension: 'webp', contentType: 'image/webp' },
  jpeg: { extension: 'jpg', contentType: 'image/jpeg' },
};

/** One encoded still of the frame on screen, as the pointer and `/status` list it. */
export interface PublicVariant {
  format: VariantFormat;
  width: number;
  height: number;
  bytes: number;
  /** Relative to the relay's base URL (`frames/<content-addressed name>`). */
  url: string;
}

/** `GET /frame`: the pointer naming the frame on screen now. */
export interface Pointer {
  /** Milliseconds until the pointer can next have changed: when to poll again. */
  next: number;
  /** Grows whenever the frame on screen changes; never reused for other content. */
  seq: number;
  /** Privacy windows say `live`: nothing public tells them apart. */
  mode: FeedMode;
  /** Waves from visitors in the last minute. */
  waves: number;
  variants: PublicVariant[];
  /** Present when the relay encodes video and has a chunk for what is on air. */
  video?: PointerVideo;
}

/** `GET /status` for anyone: what the pointer says, plus the viewer estimate. */
export interface PublicStatus {
  mode: FeedMode;
  seq: number;
  waves: number;
  /** Estimated distinct viewers recently (no addresses are stored). */
  viewers: number;
  variants: PublicVariant[];
}

/** Where privacy windows stand: the owner's to know, never public. */
export interface PrivacyStatus {
  /** `off`: disabled; `waiting`: the next one is not due; `due`: waiting for a still room; `open`. */
  state: 'off' | 'waiting' | 'due' | 'open';
  /** Epoch ms when the next window falls due, if one is drawn. */
  nextDueAt: number | null;
  /** Windows opened since the relay started, and how many of them closed without a seam. */
  opened: number;
  closedSeamlessly: number;
}

/** `GET /status` with the `control` token or from loopback: what the owner preview shows. */
export interface RelayStatus extends PublicStatus {
  /** Newest first, ISO 8601. */
  lastUploads: string[];
  privacy: PrivacyStatus;
}

/** `GET /healthz`. */
export interface Health {
  status: 'ok';
  mode: FeedMode;
  seq: number;
}

/** `POST /control` body, and its answer (which adds the resulting mode). */
export interface ControlCommand {
  paused: boolean;
}
export interface ControlAnswer extends ControlCommand {
  mode: FeedMode;
}

/** `POST /wave` answer: waves in the last minute, this one included. */
export interface WaveAnswer {
  waves: number;
}

/** Response headers of Porthole's own. */
export const HEADERS = {
  /** On the pointer: the same hint as its `next`, readable on a 304 too. */
  next: 'Porthole-Next',
  /** On upload answers: waves since the camera's previous upload, for the LED to blink. */
  waves: 'Porthole-Waves',
} as const;

/** Paths relative to the relay's base URL. */
export const PATHS = {
  pointer: '/frame',
  /** Prefix of the immutable, content-addressed variants. */
  variants: '/frames/',
  latest: '/latest',
  /** The frame on air as a JPEG about 640 px wide, briefly cacheable: the poster before JavaScript runs. */
  poster: '/poster',
  status: '/status',
  healthz: '/healthz',
  metrics: '/metrics',
  wave: '/wave',
  control: '/control',
  /** `GET /video/<seq>`: the run of chunks after `seq` (0: from the newest key), held open until one exists. */
  video: '/video/',
  /** The original sketch's `multipart/form-data` upload, field `img`. */
  legacyUpload: '/upload',
  legacyUploadField: 'img',
  /** tus 1.0 creation endpoint; uploads live under it. */
  tus: '/files',
} as const;

/** The tus protocol version the relay speaks. */
export const TUS_VERSION = '1.0.0';

export { RECORDING_PATHS, type TimelapseDay, type TimelapseIndex } from './recordings.ts';
export { parseBytes, parseDuration } from './units.ts';
// The video path's values live in `@porthole/protocol/video`, so only code that uses them loads them.
export type { PointerVideo, Run, RunChunk } from './video.ts';
