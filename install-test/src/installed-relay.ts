/**
 * An installed `porthole-relay` (node_modules/.bin of a user's folder) as its own process on a
 * loopback port, under a chosen Node binary. Ready when GET /healthz answers, polled with a bound.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@porthole/testing';
import { stopChild } from './stop-child.ts';
import { untilAnswering } from './until-answering.ts';
import { userEnv } from './user-env.ts';

export interface InstalledRelay {
  url: string;
  /** Everything the relay printed so far (JSON log lines), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface InstalledRelayOptions {
  /** The folder holding node_modules/.bin/porthole-relay; also the relay's working directory. */
  folder: string;
  node: string;
  dataDir: string;
  tokenFile: string;
  readyWithinMs?: number;
}

export async function startInstalledRelay(options: InstalledRelayOptions): Promise<InstalledRelay> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = join(options.folder, 'node_modules/.bin/porthole-relay');
  const args = ['--port', String(port), '--data-dir', options.dataDir, '--token-file', options.tokenFile];
  const child = spawn(bin, [...args, '--privacy-windows', 'off', '--log-format', 'json'], {
    cwd: options.folder,
    env: userEnv(options.node),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const relay = { url, output: () => output, stop: () => stopChild(child) };
  try {
    await untilAnswering(new URL('healthz', url), child, 'porthole-relay', options.readyWithinMs ?? 90_000);
  } catch (error) {
    await relay.stop();
    throw new Error(`${(error as Error).message}\n--- relay output\n${output}`);
  }
  return relay;
}
