/** The ingest path's fuzz targets: frame validation + normalisation, and the legacy multipart reader. */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { type NormaliseOptions, normaliseFrame, readLegacyFrame } from '@porthole/relay';

export const NORMALISE: NormaliseOptions = {
  grayscale: true,
  masks: [],
  maxWidth: 320,
  maxPixels: 16_777_216,
  maxDimension: 4096,
};

/** Bytes as the relay receives a finished upload: validate the header, decode, normalise. */
export const normaliseTarget = (input: Buffer) => normaliseFrame(input, NORMALISE);

/** Bytes as the body of POST /upload (boundary LMR), read by the multipart reader with a 64 kB limit. */
export function multipartTarget(input: Buffer): Promise<Buffer> {
  const req = Readable.from([input]) as unknown as IncomingMessage;
  req.headers = {
    'content-type': 'multipart/form-data; boundary=LMR',
    'content-length': String(input.length),
  };
  return readLegacyFrame(req, 64 * 1024);
}
