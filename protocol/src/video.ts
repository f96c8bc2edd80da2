/**
 * The live video path: frames as AV1 chunks, delivered as runs. A run is every chunk a client needs to
 * go from the frame it shows to the newest one, in one response (`GET /video/<seq>`, held open until
 * there is something newer than `seq`). Framing, big-endian:
 *
 *   u8 mode (index into FEED_MODES) · u16 waves · then per chunk: u32 seq · u8 flags (1: key) · u32 length · bytes
 *
 * A run that starts with a key chunk resets the decoder; one that starts with a delta continues from `seq`.
 */
import { FEED_MODES, type FeedMode } from './modes.ts';

/** AV1 main profile, level 3.0, 8-bit: what the relay's encoder writes (640 px and below). */
export const VIDEO_CODEC = 'av01.0.04M.08';

/** On the pointer when the relay encodes video: what a client checks with `VideoDecoder.isConfigSupported`. */
export interface PointerVideo {
  codec: string;
  width: number;
  height: number;
  /** The current group: the seq of its key. A client decoding this group needs only what follows. */
  group: number;
  /** The newest chunk on air: `frames/<name>.obu`, immutable, and whether it is a key. */
  chunk: { url: string; bytes: number; key: boolean };
}

export interface RunChunk {
  seq: number;
  key: boolean;
  data: Uint8Array;
}

export interface Run {
  mode: FeedMode;
  waves: number;
  chunks: RunChunk[];
}

const HEAD = 3;
const CHUNK_HEAD = 9;

export function encodeRun(run: Run): Uint8Array {
  const size = run.chunks.reduce((sum, c) => sum + CHUNK_HEAD + c.data.length, HEAD);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, FEED_MODES.indexOf(run.mode));
  view.setUint16(1, Math.min(run.waves, 0xffff));
  let at = HEAD;
  for (const chunk of run.chunks) {
    view.setUint32(at, chunk.seq);
    view.setUint8(at + 4, chunk.key ? 1 : 0);
    view.setUint32(at + 5, chunk.data.length);
    bytes.set(chunk.data, at + CHUNK_HEAD);
    at += CHUNK_HEAD + chunk.data.length;
  }
  return bytes;
}

/** Throws on a truncated or malformed run, so a client never feeds half a chunk to its decoder. */
export function decodeRun(bytes: Uint8Array): Run {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mode = FEED_MODES[view.getUint8(0)];
  if (!mode) throw new RangeError('bad run');
  const chunks: RunChunk[] = [];
  let at = HEAD;
  while (at < bytes.length) {
    const length = view.getUint32(at + 5);
    const end = at + CHUNK_HEAD + length;
    if (end > bytes.length) throw new RangeError('bad run');
    chunks.push({
      seq: view.getUint32(at),
      key: view.getUint8(at + 4) === 1,
      data: bytes.subarray(at + CHUNK_HEAD, end),
    });
    at = end;
  }
  return { mode, waves: view.getUint16(1), chunks };
}
