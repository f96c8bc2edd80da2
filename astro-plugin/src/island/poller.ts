/** Runs one poll; resolves with the delay in ms before the next one. Must not reject. */
export type Poll = () => Promise<number>;

export interface Poller {
  /** Polls while on; when switched back on, resumes at the due time, at once if it has passed. */
  set(on: boolean): void;
}

/**
 * Schedules polls with at most one timer and never two polls at a time. Switching off clears
 * the timer; a poll already in flight finishes but schedules nothing.
 */
export function createPoller(poll: Poll): Poller {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = 0;
  let on = false;
  let running = false;

  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(run, Math.max(0, due - Date.now()));
  };
  const run = async () => {
    timer = undefined;
    running = true;
    const delay = await poll();
    running = false;
    due = Date.now() + delay;
    if (on) arm();
  };

  return {
    set(next) {
      on = next;
      if (!on) {
        clearTimeout(timer);
        timer = undefined;
      } else if (!timer && !running) arm();
    },
  };
}
