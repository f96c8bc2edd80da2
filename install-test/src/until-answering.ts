/** Readiness by asking, not by reading logs: poll a URL until it answers 2xx, bounded in time. */
import type { ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';

export async function untilAnswering(
  url: URL,
  child: ChildProcess,
  what: string,
  withinMs: number,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited with ${child.exitCode} before it answered ${url}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await delay(200);
  }
  throw new Error(`${what} did not answer ${url} within ${withinMs} ms`);
}
