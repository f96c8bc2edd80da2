/**
 * A one-slot work queue: while one item is processed, only the newest waiting item is kept. Frames that
 * arrive faster than they can be encoded are dropped, never queued without bound.
 */
export function latestWins<T>(work: (item: T) => Promise<void>, onDrop: (item: T) => void = () => {}) {
  let waiting: { item: T } | undefined;
  let running: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (waiting) {
      const { item } = waiting;
      waiting = undefined;
      await work(item).catch(() => {});
    }
    running = undefined;
  }

  return {
    submit(item: T): void {
      if (waiting) onDrop(waiting.item);
      waiting = { item };
      running ??= drain();
    },
    /** Resolves when nothing is running or waiting. */
    async idle(): Promise<void> {
      while (running) await running;
    },
  };
}
