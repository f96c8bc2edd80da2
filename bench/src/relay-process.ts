/**
 * A relay in its own process (the real CLI), so a load generator in this process does not share its event
 * loop, and its memory can be read from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LOOP_DIR, TOKEN } from './local-relay.ts';
import { processTreeMemory } from './process-memory.ts';

const CLI = new URL('../../relay/src/cli.ts', import.meta.url).pathname;

export interface RelayProcess {
  url: string;
  pid: number;
  /** Resident memory now and at its peak since start (VmRSS, VmHWM), in bytes. */
  memory(): { rss: number; peak: number };
  /** Prometheus text of the relay's /metrics. */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

export async function startRelayProcess(flags: string[] = []): Promise<RelayProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'porthole-bench-relay-'));
  const child = spawn(
    process.execPath,
    [
      CLI,
      ...['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--loop-dir', LOOP_DIR],
      ...['--privacy-windows', 'off', '--log-format', 'json', '--log-level', 'info'],
      ...flags,
    ],
    { env: { ...process.env, PORTHOLE_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // If this process dies (a failed bench), the relay must not outlive it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const url = await listeningUrl(child).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const pid = child.pid!;
  return {
    url,
    pid,
    memory: () => processTreeMemory(pid),
    async metrics() {
      return (await fetch(new URL('metrics', url))).text();
    },
    async stop() {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 8_000);
      await exited;
      clearTimeout(force);
      process.off('exit', orphanGuard);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('relay did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`relay exited with ${code} before listening`)));
    lines.on('line', (line) => {
      if (!line.includes('"relay listening"')) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
}

/** Sum of a Prometheus counter's samples whose labels include `labels` (e.g. `route="frame"`). */
export function counterFromText(text: string, name: string, labels = ''): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (labels && !line.includes(labels)) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
