/**
 * An installed `porthole-relay` (node_modules/.bin of a user's folder) as its own process on a
 * loopback port, under a chosen Node binary. Ready when GET /healthz answers, polled with a bound.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '@porthole/testing';
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
  const relay = { url, output: () => output, stop: () => stop(child) };
  try {
    await healthy(url, child, options.readyWithinMs ?? 90_000);
  } catch (error) {
    await relay.stop();
    throw new Error(`${(error as Error).message}\n--- relay output\n${output}`);
  }
  return relay;
}

async function healthy(url: string, child: ChildProcess, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`porthole-relay exited with ${child.exitCode} before it was ready`);
    const ok = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(2000) }).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await delay(200);
  }
  throw new Error(`porthole-relay did not answer ${url}healthz within ${withinMs} ms`);
}

/** SIGTERM, as systemd and containers stop it; SIGKILL if it has not exited within 10 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}
