/** A relay in this process, on a loopback port, with its own throw-away data folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Relay, type RelayOptions, startRelay } from '@porthole/relay';

export const TOKEN = 'bench-token-0123456789abcdef';
export const LOOP_DIR = new URL('../../loop/', import.meta.url).pathname;

export interface LocalRelay extends Relay {
  dispose(): Promise<void>;
}

export async function startLocalRelay(options: RelayOptions = {}): Promise<LocalRelay> {
  const dataDir = await mkdtemp(join(tmpdir(), 'porthole-bench-'));
  const relay = await startRelay({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    loopDir: LOOP_DIR,
    token: TOKEN,
    privacyWindows: 'off',
    logLevel: 'silent',
    ...options,
  });
  return Object.assign(relay, {
    async dispose() {
      await relay.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  });
}

/** The value of a prom-client counter (no labels). */
export async function counterValue(metric: { get(): Promise<{ values: { value: number }[] }> }) {
  const { values } = await metric.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}
