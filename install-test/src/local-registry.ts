/**
 * A local npm registry (Verdaccio) standing in for npmjs for @porthole/* only: those are served
 * from what the test publishes and never fetched from anywhere else. Any other package is passed
 * through to the public registry, because `astro add` reads the integration's metadata from the
 * default registry (it ignores scoped registries), and the install it then runs needs the
 * integration's unscoped dependencies from the same place.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '@porthole/testing';
import { run } from './run.ts';
import { stopChild } from './stop-child.ts';
import { untilAnswering } from './until-answering.ts';
import { userEnv } from './user-env.ts';

export interface LocalRegistry {
  /** With a trailing slash: `http://127.0.0.1:4873/`. */
  url: string;
  publish(tarball: string): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

// Its bin, as package.json names it (the package exports no bin path).
const VERDACCIO = join(
  dirname(createRequire(import.meta.url).resolve('verdaccio/package.json')),
  'bin/verdaccio',
);
const USER = { name: 'porthole-test', password: 'not-a-secret-just-a-test' };

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-registry-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(dir, 'config.yaml');
  // JSON is YAML: Verdaccio reads this as its config.
  await writeFile(
    config,
    JSON.stringify({
      storage: join(dir, 'storage'),
      auth: { htpasswd: { file: join(dir, 'htpasswd') } },
      uplinks: { npmjs: { url: 'https://registry.npmjs.org/' } },
      packages: {
        '@porthole/*': { access: '$all', publish: '$authenticated' },
        '**': { access: '$all', proxy: 'npmjs' },
      },
      web: { enable: false },
      middlewares: { audit: { enabled: false } },
      log: { type: 'stdout', format: 'json', level: 'warn' },
    }),
  );
  const child = spawn(process.execPath, [VERDACCIO, '--config', config, '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    env: userEnv(process.execPath),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await untilAnswering(new URL('-/ping', url), child, 'verdaccio', 30_000);
    const userconfig = join(dir, 'publish.npmrc');
    await writeFile(userconfig, `//127.0.0.1:${port}/:_authToken=${await signUp(url)}\n`);
    return {
      url,
      output: () => output,
      stop,
      publish: async (tarball) => {
        await run(
          'npm',
          ['publish', tarball, '--registry', url, '--userconfig', userconfig, '--access', 'public'],
          {
            cwd: dir,
            env: userEnv(process.execPath),
            timeoutMs: 60_000,
          },
        );
      },
    };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- verdaccio output\n${output}`);
  }
}

/** What `npm adduser` does: create the user, receive a token. */
async function signUp(url: string): Promise<string> {
  const res = await fetch(new URL(`-/user/org.couchdb.user:${USER.name}`, url), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...USER, type: 'user', roles: [], date: new Date().toISOString() }),
  });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token)
    throw new Error(`Verdaccio refused the test user: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}
