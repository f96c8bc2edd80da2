/** A stream encoder that comes back after a failure: the next frame opens a fresh one, which starts a new stream. */
import type { RawImage } from '../pipeline/masks.ts';
import type { EncodedChunk, StreamEncoder } from '../video/encoder.ts';

export interface RestartedChunk extends EncodedChunk {
  /** The first chunk of a new encoder: a key, and a new stream for whoever muxes it. */
  fresh: boolean;
}

export function restartableEncoder(open: () => Promise<StreamEncoder>) {
  let encoder: Promise<StreamEncoder> | undefined;
  const drop = () => {
    const old = encoder;
    encoder = undefined;
    void old?.then((e) => e.close()).catch(() => {});
  };
  return {
    async encode(image: RawImage, key: boolean): Promise<RestartedChunk> {
      const fresh = encoder === undefined;
      encoder ??= open();
      try {
        const chunk = await (await encoder).encode(image, key || fresh);
        return { ...chunk, fresh };
      } catch (error) {
        drop();
        throw error;
      }
    },
    async close(): Promise<void> {
      await (await encoder?.catch(() => undefined))?.close();
      encoder = undefined;
    },
  };
}

export type RestartableEncoder = ReturnType<typeof restartableEncoder>;
