import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { say } from './terminal.ts';

export interface ChildSpec {
  /** Short name used as the line prefix and in messages: "relay". */
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Every output line is appended here. */
  logFile: string;
  /** Which lines also reach the terminal (prefixed with the name). */
  show(line: string, stream: 'stdout' | 'stderr'): boolean;
  /** Called with each stdout line, e.g. to notice "listening". */
  onLine?(line: string): void;
}

export interface RunningChild {
  name: string;
  pid: number;
  process: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<string>;
  /** SIGTERM to the child's whole process group, SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs: number): Promise<string>;
  /** SIGKILL to the whole process group, now. */
  kill(): void;
}

/** Sends `signal` to a process group, ignoring "already gone". */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {}
}

/** Process groups of the children still running. */
const running = new Set<number>();

// The last resort: however this script ends (an uncaught error, process.exit from anywhere), no child
// outlives it. Only SIGKILL of this script itself gets past this.
process.on('exit', () => {
  for (const pid of running) signalGroup(pid, 'SIGKILL');
});

/**
 * Starts a child in its own process group, so Ctrl-C reaches only this script, which then
 * stops each group as a whole: grandchildren (esbuild under Astro, for one) go too.
 */
export function startChild(spec: ChildSpec): RunningChild {
  const log = createWriteStream(spec.logFile, { flags: 'a' });
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const [stream, name] of [
    [child.stdout, 'stdout'],
    [child.stderr, 'stderr'],
  ] as const) {
    createInterface({ input: stream }).on('line', (line) => {
      log.write(`${line}\n`);
      if (name === 'stdout') spec.onLine?.(line);
      if (spec.show(line, name)) say(`[${spec.name}] ${line}`);
    });
  }
  const pid = child.pid ?? -1;
  if (pid > 0) running.add(pid);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`failed to start: ${error.message}`));
    child.once('exit', (code, signal) => {
      log.end();
      resolve(signal ?? `exit code ${code}`);
    });
  });
  return {
    name: spec.name,
    pid,
    process: child,
    exited,
    async stop(graceMs) {
      if (child.exitCode === null && child.signalCode === null) signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      const how = await exited;
      clearTimeout(timer);
      // The leader is gone; anything it left behind in its group goes too.
      signalGroup(pid, 'SIGKILL');
      running.delete(pid);
      return how;
    },
    kill: () => signalGroup(pid, 'SIGKILL'),
  };
}
