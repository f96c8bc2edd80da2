/**
 * The relay as its own process (`node relay/src/cli.ts`), the way it runs in production: start it, read
 * its JSON log lines, sample its memory, stop it gently or kill -9 it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const RELAY_CLI = fileURLToPath(new URL('../../relay/src/cli.ts', import.meta.url));

export interface RelayProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Log lines so far (parsed JSON). */
  logs: Record<string, unknown>[];
  /** Resident memory in bytes, from /proc. */
  rss(): Promise<number>;
  /** kill -9: no chance to flush anything. */
  kill(): Promise<void>;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface RelayProcessOptions {
  dataDir: string;
  loopDir: string;
  token: string;
  port?: number;
  /** Any other flags, e.g. ['--widths', '160']. */
  args?: string[];
  /** Give up waiting for "relay listening" after this long. */
  startTimeoutMs?: number;
}

export async function spawnRelay(options: RelayProcessOptions): Promise<RelayProcess> {
  const args = [
    RELAY_CLI,
    '--port',
    String(options.port ?? 0),
    '--host',
    '127.0.0.1',
    '--data-dir',
    options.dataDir,
    '--loop-dir',
    options.loopDir,
    '--privacy-windows',
    'off',
    '--log-format',
    'json',
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, PORTHOLE_TOKEN: options.token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A relay must not outlive the test or soak that started it, whatever way that ends.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the relay did not start within ${options.startTimeoutMs ?? 15_000} ms: ${stderr}`));
    }, options.startTimeoutMs ?? 15_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        entry = { msg: line };
      }
      logs.push(entry);
      if (entry.msg === 'relay listening' && typeof entry.url === 'string') {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the relay exited (${code}) before listening: ${stderr}`));
    });
  });
  const pid = child.pid!;
  return {
    child,
    pid,
    url,
    logs,
    async rss() {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A free loopback port, so a restarted relay can come back where its cameras expect it. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
