/** A relay in this process for a test: a loopback port, a throw-away data folder, a small loop, the test token. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Relay, type RelayHooks, type RelayOptions, startRelay } from '@porthole/relay';
import { makeLoopDir } from './frame-folder.ts';
import { captureLogs, type LogCapture } from './log-capture.ts';

/** The token every test relay (in this process or spawned) accepts for ingest and control. */
export const TOKEN = 'test-token-0123456789abcdef';

export interface TestRelay extends Relay {
  dataDir: string;
  loopDir: string;
  /** Its log lines: none at the default level (`silent`); start it with `logLevel: 'info'` to keep them. */
  logs: LogCapture;
  /** Close the relay and delete its data folder, and its loop folder unless that was given. */
  dispose(): Promise<void>;
}

/**
 * Start a relay with test defaults (port 0, `TOKEN`, privacy windows and recordings off, silent), any of which `options`
 * overrides. Without `dataDir` or `loopDir` it makes temporary ones; restart on the same `dataDir` and
 * `port` to test what survives a restart.
 */
export async function startTestRelay(options: RelayOptions = {}, hooks: RelayHooks = {}): Promise<TestRelay> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'porthole-data-')));
  const loopDir = options.loopDir ?? (await makeLoopDir());
  const logs = captureLogs();
  const relay = await startRelay(
    {
      ...{ port: 0, token: TOKEN, privacyWindows: 'off', hls: 'off', timelapse: 'off', logLevel: 'silent' },
      ...{ ...options, dataDir, loopDir },
    },
    { logDestination: logs.destination, ...hooks },
  );
  return Object.assign(relay, {
    dataDir,
    loopDir,
    logs,
    async dispose() {
      await relay.close();
      await rm(dataDir, { recursive: true, force: true });
      if (!options.loopDir) await rm(loopDir, { recursive: true, force: true });
    },
  });
}
