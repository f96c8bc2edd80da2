/**
 * A child process that cannot outlive this one, however this one ends (even kill -9): it runs in
 * a process group of its own under a small shell that waits on a pipe from us, and when the pipe
 * closes the shell kills the whole group, helpers included (MiniBrowser's WebKit processes).
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface TiedProcess {
  child: ChildProcess;
  /** Resolves once the group's shell has exited. */
  exited: Promise<void>;
  /** Kills the whole group at once and waits for it. */
  kill(): Promise<void>;
}

const WATCH = '"$@" & read _; kill -KILL 0';

/** `extraFds` pipes are passed on as fds 3, 4 … (e.g. for Xvfb's -displayfd). */
export function spawnTied(
  command: string,
  args: string[],
  { env = process.env, extraFds = 0 }: { env?: NodeJS.ProcessEnv; extraFds?: number } = {},
): TiedProcess {
  const child = spawn('/bin/sh', ['-c', WATCH, 'sh', command, ...args], {
    env,
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe', ...Array<'pipe'>(extraFds).fill('pipe')],
  });
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  // Not waited on: this process may end while the group runs; the pipe closing then ends it.
  child.unref();
  for (const stream of child.stdio) (stream as { unref?: () => void } | null)?.unref?.();
  return {
    child,
    exited,
    async kill() {
      if (child.pid && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }
      await exited;
    },
  };
}
