/**
 * `node relay/src/cli.ts` as its own process, for what only a real process shows (signals, a gone stdout).
 * Ready means /healthz answers, so it works whatever happens to the relay's output.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { eventually } from './helpers.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface SpawnedRelay {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code (or the signal) once the process has gone. */
  exited: Promise<number | string | null>;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
}

export async function spawnRelay(options: {
  dataDir: string;
  loopDir: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Where stdout goes: 'pipe' (read it from child.stdout), 'ignore', or another process's stdin. */
  stdout: 'pipe' | 'ignore' | Writable;
}): Promise<SpawnedRelay> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      CLI,
      ...['--port', String(port), '--data-dir', options.dataDir, '--loop-dir', options.loopDir],
      ...['--privacy-windows', 'off', '--log-format', 'json', ...(options.args ?? [])],
    ],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', options.stdout, 'pipe'] },
  );
  // A relay must not outlive the test that started it, whatever way that ends.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      process.off('exit', orphanGuard);
      resolve(code ?? signal);
    }),
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const url = `http://127.0.0.1:${port}/`;
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`the relay exited while starting: ${stderr}`);
    return (await fetch(new URL('healthz', url))).ok;
  }, 30_000);
  return { child, url, exited, stderr: () => stderr };
}

/** Resolves with how the process ended, or 'still running' after `ms`. */
export function exitWithin(relay: SpawnedRelay, ms: number): Promise<number | string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('still running'), ms);
  });
  return Promise.race([relay.exited, late]).finally(() => clearTimeout(timer));
}
