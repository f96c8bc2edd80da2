import { type DetailedError, type HttpResponse, Upload } from 'tus-js-client';
import type { Frame } from '../sources/frame-source.ts';
import { describeUploadError, shouldRetryUpload } from './upload-errors.ts';
import { wavesFromHeader } from './waves.ts';

/**
 * Waits between attempts to resume one frame after the connection drops: tus asks the
 * relay how much arrived (HEAD) and sends only the rest.
 */
export const RESUME_DELAYS_MS = [0, 1000, 3000, 5000];

/**
 * Frames larger than this go in several requests, so a drop costs one chunk, not the frame.
 * A camera-sized JPEG (tens of kB) still travels whole in the creation request.
 */
export const CHUNK_BYTES = 256 * 1024;

export interface UploadTarget {
  /** Relay base URL, ending in a slash. */
  relay: string;
  token: string;
  retryDelays?: number[];
}

export interface UploadEvents {
  onProgress?(sent: number, total: number): void;
  /** A request failed and tus will resume after `delayMs`. */
  onResume?(attempt: number, delayMs: number, reason: string): void;
}

export interface UploadResult {
  /** The tus upload URL the relay assigned. */
  url: string;
  bytes: number;
  durationMs: number;
  /** Waves visitors sent since the previous upload, summed over this upload's responses. */
  waves: number;
}

/**
 * Uploads one frame over tus, with the data in the creation request when the relay allows it.
 * Resolves when the relay has the whole frame; rejects with a one-line reason otherwise.
 */
export function uploadFrame(
  frame: Frame,
  target: UploadTarget,
  events: UploadEvents = {},
  signal?: AbortSignal,
): Promise<UploadResult> {
  const started = performance.now();
  const delays = target.retryDelays ?? RESUME_DELAYS_MS;
  let waves = 0;
  return new Promise((resolve, reject) => {
    const upload = new Upload(frame.bytes, {
      endpoint: new URL('files/', target.relay).href,
      headers: { Authorization: `Bearer ${target.token}` },
      metadata: { filename: frame.name, filetype: frame.type },
      uploadSize: frame.bytes.length,
      uploadDataDuringCreation: true,
      chunkSize: CHUNK_BYTES,
      retryDelays: delays,
      removeFingerprintOnSuccess: true,
      onProgress: (sent, total) => events.onProgress?.(sent, total),
      onAfterResponse: (_request, response: HttpResponse) => {
        waves += wavesFromHeader(response.getHeader('Porthole-Waves'));
      },
      onShouldRetry: (error, attempt) => {
        const retry = shouldRetryUpload(error as DetailedError);
        if (retry) events.onResume?.(attempt + 1, delays[attempt] ?? 0, describeUploadError(error));
        return retry;
      },
      onError: (error) => reject(new Error(describeUploadError(error))),
      onSuccess: () =>
        resolve({
          url: upload.url ?? '',
          bytes: frame.bytes.length,
          durationMs: performance.now() - started,
          waves,
        }),
    });
    signal?.addEventListener(
      'abort',
      () => {
        void upload.abort();
        reject(new Error('upload aborted'));
      },
      { once: true },
    );
    upload.start();
  });
}
