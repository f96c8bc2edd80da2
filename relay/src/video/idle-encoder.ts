/**
 * A stream encoder that lets its worker go when the stream has been idle for a while (a still room, a camera
 * that is off), and opens a new one for the next frame, which then starts with a key. The worker's
 * WebAssembly heap is most of the relay's memory beyond the stills: an idle relay should not hold it.
 */
import type { StreamEncoder } from './encoder.ts';

export function idleClosingEncoder(
  first: StreamEncoder,
  open: () => Promise<StreamEncoder | undefined>,
  idleMs: number,
): StreamEncoder {
  let current: Promise<StreamEncoder | undefined> | undefined = Promise.resolve(first);
  let busy = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (busy > 0 || !current) return;
      const closing = current;
      current = undefined;
      void closing.then((encoder) => encoder?.close());
    }, idleMs);
    timer.unref();
  };
  arm();

  return {
    async encode(image, key) {
      busy++;
      clearTimeout(timer);
      try {
        current ??= open();
        const encoder = await current;
        if (!encoder) {
          current = undefined;
          throw new Error('the video encoder could not be opened again');
        }
        return await encoder.encode(image, key);
      } finally {
        busy--;
        arm();
      }
    },
    async close() {
      clearTimeout(timer);
      const closing = current;
      current = undefined;
      await (await closing)?.close();
    },
  };
}
