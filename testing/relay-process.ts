/**
 * The relay as its own process (the real `porthole-relay` CLI), the way it runs in production. It is ready
 * when it says so over the IPC channel (`{ type: 'ready', url }`), not when a log line looks right; its
 * JSON log lines are kept; it can be stopped gently or killed -9, and never outlives this process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { makeLoopDir } from './frame-folder.ts';
import { captureLogs, type LogCapture } from './log-capture.ts';
import { processTreeMemory } from './process-memory.ts';
import { TOKEN } from './test-relay.ts';

/** The relay package's CLI (its `bin`), found from its public entry point. */
export const RELAY_CLI = fileURLToPath(
  new URL('../bin/porthole-relay.js', import.meta.resolve('@porthole/relay')),
);

/** How long a relay gets to stop on SIGTERM before it is killed (its own shutdown grace is 5 s). */
const STOP_GRACE_MS = 10_000;

export interface RelayProcessOptions {
  /** Give it to keep the data across restarts; otherwise a temporary folder, deleted once the process ends. */
  dataDir?: string;
  /** Otherwise a small temporary loop, deleted once the process ends. */
  loopDir?: string;
  /** PORTHOLE_TOKEN for it (TOKEN unless given); null sets none, for a relay given --token-file. */
  token?: string | null;
  /** 0 (any free port) unless given; a restart that must come back at the same URL passes one. */
  port?: number;
  /** Any other flags, e.g. ['--widths', '160']. */
  args?: string[];
  /** Show the relay's stderr here (a bench wants to see a crash) instead of keeping it for error messages. */
  inheritStderr?: boolean;
  /** Give up waiting for the ready message after this long. */
  startTimeoutMs?: number;
  /**
   * Where its stdout goes: into `logs` (the default), nowhere, or another process's stdin (to test what a
   * log reader that goes away does to it). Readiness comes over IPC, whatever happens to stdout.
   */
  stdout?: 'logs' | 'ignore' | Writable;
  /** Extra environment variables. */
  env?: NodeJS.ProcessEnv;
}

export interface RelayProcess {
  child: ChildProcess;
  pid: number;
  /** Base URL with a trailing slash, from the ready message. */
  url: string;
  dataDir: string;
  loopDir: string;
  /** Its log lines (stdout, JSON), unless stdout was sent elsewhere. */
  logs: LogCapture;
  /** What it wrote to stderr so far (unless inherited). */
  stderr(): string;
  /** Resident memory now and at its peak (VmRSS, VmHWM of it and its children), in bytes. */
  memory(): { rss: number; peak: number };
  /** Resolves with the exit code (null after a signal) once it has ended and its temporary folders are gone. */
  exited: Promise<number | null>;
  /** kill -9: no chance to flush anything. */
  kill(): Promise<void>;
  /** SIGTERM (SIGKILL if it takes too long); resolves with the exit code. */
  stop(): Promise<number | null>;
}

const tokenEnv = (token: string | null | undefined) =>
  token === null ? {} : { PORTHOLE_TOKEN: token ?? TOKEN };

const isReady = (message: unknown): message is { type: 'ready'; url: string } =>
  typeof message === 'object' &&
  message !== null &&
  (message as { type?: unknown }).type === 'ready' &&
  typeof (message as { url?: unknown }).url === 'string';

export async function spawnRelay(options: RelayProcessOptions = {}): Promise<RelayProcess> {
  const { PORTHOLE_TOKEN: _, ...inherited } = process.env;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'porthole-data-')));
  const loopDir = options.loopDir ?? (await makeLoopDir());
  const args = [
    RELAY_CLI,
    ...['--port', String(options.port ?? 0), '--host', '127.0.0.1'],
    ...['--data-dir', dataDir, '--loop-dir', loopDir],
    ...['--privacy-windows', 'off', '--log-format', 'json'],
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...inherited, ...tokenEnv(options.token), ...options.env },
    stdio: [
      'ignore',
      options.stdout === undefined || options.stdout === 'logs' ? 'pipe' : options.stdout,
      options.inheritStderr ? 'inherit' : 'pipe',
      'ipc',
    ],
  });
  // A relay must not outlive the test or bench that started it, whatever way that ends.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const exited = ended.then(async (code) => {
    process.off('exit', orphanGuard);
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    if (!options.loopDir) await rm(loopDir, { recursive: true, force: true });
    return code;
  });
  const logs = captureLogs();
  if (child.stdout)
    createInterface({ input: child.stdout }).on('line', (line) => logs.destination.write(`${line}\n`));
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });

  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const url = await new Promise<string>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}${stderr ? `:\n${stderr}` : ''}`));
    };
    const timer = setTimeout(() => fail(`the relay was not ready within ${timeoutMs} ms`), timeoutMs);
    child.on('message', (message) => {
      if (!isReady(message)) return;
      clearTimeout(timer);
      resolve(message.url);
    });
    child.once('error', (error) => fail(`the relay could not be started: ${error.message}`));
    void ended.then((code) => fail(`the relay exited (${code}) before it was ready`));
  }).catch(async (error: unknown) => {
    await exited;
    throw error;
  });

  const pid = child.pid!;
  return {
    child,
    pid,
    url,
    dataDir,
    loopDir,
    logs,
    stderr: () => stderr,
    memory: () => processTreeMemory(pid),
    exited,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      const code = await exited;
      clearTimeout(force);
      return code;
    },
  };
}

/** Resolves with how the process ended, or 'still running' after `ms`. */
export function exitWithin(relay: RelayProcess, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), ms);
  });
  return Promise.race([relay.exited, late]).finally(() => clearTimeout(timer));
}
