/** A real relay on a loopback port for the firmware's tests, with its own data and loop folders. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Relay, startRelay } from '@porthole/relay';
import { frameDir, makeFrame } from './frames.ts';

export const TOKEN = 'firmware-test-token-0123456789';

export interface TestRelay {
  relay: Relay;
  /** The pointer's sequence number and mode, from GET /frame. */
  pointer(): Promise<{ seq: number; mode: string }>;
  /** Close the relay and delete its folders. */
  dispose(): Promise<void>;
}

export async function startTestRelay(): Promise<TestRelay> {
  const loopDir = await frameDir([await makeFrame(100), await makeFrame(101)], 'porthole-loop-');
  const dataDir = await mkdtemp(join(tmpdir(), 'porthole-data-'));
  const relay = await startRelay({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    loopDir,
    token: TOKEN,
    offlineAfter: '60s',
    privacyWindows: 'off',
    maxUpload: '4MB',
    logLevel: 'silent',
  });
  return {
    relay,
    async pointer() {
      const res = await fetch(new URL('frame', relay.url));
      if (res.status !== 200) throw new Error(`GET /frame answered ${res.status}`);
      return (await res.json()) as { seq: number; mode: string };
    },
    async dispose() {
      await relay.close();
      await Promise.all([dataDir, loopDir].map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}
