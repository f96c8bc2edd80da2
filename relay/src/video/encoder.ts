/** The host side of one encoded stream: frames in, chunks out, in order, on a worker thread. */
import { Worker } from 'node:worker_threads';
import type { RawImage } from '../pipeline/masks.ts';
import type { EncoderSettings } from './encoder-worker.ts';

export interface EncodedChunk {
  data: Buffer;
  key: boolean;
}

export interface StreamEncoder {
  /** Encode the next frame of the stream; `key` forces a keyframe (a size change always makes one). */
  encode(image: RawImage, key: boolean): Promise<EncodedChunk>;
  close(): Promise<void>;
}

/** Tuned in the bench to the AVIF 640 stills' SSIM on its photographic sequence. */
export const ENCODER_SETTINGS: EncoderSettings = { crf: 44, speed: 8 };

// The sources run as TypeScript, the published package as JavaScript: the worker is whichever this is.
const WORKER = new URL(`./encoder-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** Resolves once the encoder has loaded; rejects (with the reason) when it cannot. */
export function openStreamEncoder(settings: EncoderSettings = ENCODER_SETTINGS): Promise<StreamEncoder> {
  const worker = new Worker(WORKER, { workerData: settings });
  const pending = new Map<number, { resolve: (c: EncodedChunk) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failed: Error | undefined;
  const failAll = (error: Error) => {
    failed = error;
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };

  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`the encoder stopped (exit ${code})`)));
    worker.on(
      'message',
      (message: { ready?: true; id: number; data?: Uint8Array; key?: boolean; error?: string }) => {
        if (message.ready) {
          worker.off('error', reject);
          worker.unref();
          resolve(encoder);
          return;
        }
        const job = pending.get(message.id);
        pending.delete(message.id);
        // Only work in flight keeps the process alive: an idle encoder never holds up an exit.
        if (pending.size === 0) worker.unref();
        if (message.error !== undefined || !message.data) job?.reject(new Error(message.error));
        else
          job?.resolve({
            data: Buffer.from(message.data.buffer, message.data.byteOffset, message.data.length),
            key: message.key === true,
          });
      },
    );

    const encoder: StreamEncoder = {
      encode(image, key) {
        if (failed) return Promise.reject(failed);
        const id = nextId++;
        const { width, height, channels } = image;
        return new Promise((done, fail) => {
          pending.set(id, { resolve: done, reject: fail });
          worker.ref();
          worker.postMessage({ id, width, height, channels, pixels: image.data, key });
        });
      },
      async close() {
        await worker.terminate();
      },
    };
  });
}
