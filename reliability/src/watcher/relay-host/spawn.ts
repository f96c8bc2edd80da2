/**
 * The watched relay in its own process (host.ts), so its /metrics and /healthz timings are the relay's
 * alone, as a visitor of a real deployment sees them. Its data folder is temporary; it never outlives us.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RelayOptions } from '@porthole/relay';
import { captureLogs, type LogCapture, TOKEN } from '@porthole/testing';

export type HostMessage =
  | { type: 'ready'; url: string }
  | { type: 'substitution'; at: number; substituted: boolean };

export interface WatchedRelay {
  url: string;
  logs: LogCapture;
  /** Every upload's answer of `feed.privacySubstitute` (empty for a relay without one). */
  substitutions: { at: number; substituted: boolean }[];
  stop(): Promise<void>;
}

const HOST = new URL('./host.ts', import.meta.url);
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

export async function spawnWatchedRelay(options: RelayOptions): Promise<WatchedRelay> {
  const dataDir = await mkdtemp(join(tmpdir(), 'porthole-watcher-data-'));
  const settings: RelayOptions = {
    port: 0,
    host: '127.0.0.1',
    token: TOKEN,
    logFormat: 'json',
    ...options,
    dataDir,
  };
  const child = fork(HOST, [JSON.stringify(settings)], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve())).then(async () => {
    process.off('exit', orphanGuard);
    await rm(dataDir, { recursive: true, force: true });
  });
  const logs = captureLogs();
  createInterface({ input: child.stdout! }).on('line', (line) => logs.destination.write(`${line}\n`));
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const substitutions: WatchedRelay['substitutions'] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the watched relay was not ready in ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    child.on('message', (message: HostMessage) => {
      if (message.type === 'substitution')
        substitutions.push({ at: message.at, substituted: message.substituted });
      else if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the watched relay exited before it was ready:\n${stderr}`));
    });
  });
  return {
    url,
    logs,
    substitutions,
    async stop() {
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(force);
    },
  };
}
