/**
 * One day's timelapse frames on disk: an append-only file of AV1 chunks, each with its time and size, so
 * "today so far" is a remux, never a re-encode. A torn last record (a crash mid-write) is cut off on read.
 */
import { open, readFile, truncate } from 'node:fs/promises';

export interface StoredSample {
  at: number;
  key: boolean;
  width: number;
  height: number;
  /** The chunk as the encoder gave it. */
  data: Buffer;
}

const HEADER = 20;

export async function appendSample(path: string, sample: StoredSample): Promise<void> {
  const header = Buffer.alloc(HEADER);
  header.writeUInt32BE(sample.data.length, 0);
  header.writeDoubleBE(sample.at, 4);
  header.writeUInt16BE(sample.width, 12);
  header.writeUInt16BE(sample.height, 14);
  header.writeUInt8(sample.key ? 1 : 0, 16);
  const file = await open(path, 'a');
  try {
    await file.writeFile(Buffer.concat([header, sample.data]));
    await file.datasync();
  } finally {
    await file.close();
  }
}

export async function readSamples(path: string): Promise<StoredSample[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return [];
  }
  const samples: StoredSample[] = [];
  let at = 0;
  while (at + HEADER <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    if (at + HEADER + length > bytes.length) break;
    samples.push({
      at: bytes.readDoubleBE(at + 4),
      width: bytes.readUInt16BE(at + 12),
      height: bytes.readUInt16BE(at + 14),
      key: bytes.readUInt8(at + 16) === 1,
      data: bytes.subarray(at + HEADER, at + HEADER + length),
    });
    at += HEADER + length;
  }
  if (at < bytes.length) await truncate(path, at);
  return samples;
}
