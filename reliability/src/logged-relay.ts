/** An in-process relay like relay/test/helpers' startTestRelay, with its log lines captured for assertions. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Relay, type RelayOptions, startRelay } from '@porthole/relay';
import { makeLoopDir, TOKEN } from '../../relay/test/helpers.ts';
import { captureLogs, type LogCapture } from './log-capture.ts';

export interface LoggedRelay extends Relay {
  dataDir: string;
  logs: LogCapture;
  /** Close the relay and delete its folders. */
  dispose(): Promise<void>;
}

export async function startLoggedRelay(options: RelayOptions = {}): Promise<LoggedRelay> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'porthole-data-')));
  const loopDir = options.loopDir ?? (await makeLoopDir(2));
  const logs = captureLogs();
  const relay = await startRelay(
    { port: 0, token: TOKEN, privacyWindows: 'off', logLevel: 'info', ...options, dataDir, loopDir },
    { logDestination: logs.destination },
  );
  return Object.assign(relay, {
    dataDir,
    logs,
    async dispose() {
      await relay.close();
      await rm(dataDir, { recursive: true, force: true });
      if (!options.loopDir) await rm(loopDir, { recursive: true, force: true });
    },
  });
}
