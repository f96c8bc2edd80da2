/** The chunk model: one encoded frame of a video stream, stored and named like a still. */
import { createHash } from 'node:crypto';

export interface VideoChunk {
  /** `<24 hex digits of the bytes' sha256>.obu`: AV1 OBUs, immutable like every stored name. */
  name: string;
  bytes: number;
  key: boolean;
  width: number;
  height: number;
  /** The chunk this one was encoded after: a delta decodes only on top of it. None for a key. */
  after?: string;
}

export const chunkName = (data: Buffer): string =>
  `${createHash('sha256').update(data).digest('hex').slice(0, 24)}.obu`;

/** A delta follows `previous` only if it was encoded right after it; a key follows anything. */
export const follows = (chunk: VideoChunk, previous: VideoChunk | undefined): boolean =>
  chunk.key || (previous !== undefined && chunk.after === previous.name);
