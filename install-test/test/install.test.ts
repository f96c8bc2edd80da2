/**
 * Porthole installed the way a user installs it: the packed protocol, relay and camera tarballs
 * in an empty folder outside the repository (a plain `npm install`), the installed bins run on
 * Node 22 (the oldest the packages claim) and Node 24, a frame uploaded, the pointer moving.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { Pointer } from '@porthole/protocol';
import { startInstalledRelay } from '../src/installed-relay.ts';
import { nodeRuntime } from '../src/node-runtime.ts';
import { type Packed, packPublished } from '../src/pack.ts';
import { run } from '../src/run.ts';
import { REPO_ROOT, userEnv } from '../src/user-env.ts';
import { installInUserFolder, type UserFolder } from '../src/user-folder.ts';

/** The oldest Node the packages' `engines` allow (`>=22.12` → 22.12.0), and the project's own. */
const NODES = [await oldestAllowedNode(), process.versions.node];

async function oldestAllowedNode(): Promise<string> {
  const relay = JSON.parse(await readFile(join(REPO_ROOT, 'relay/package.json'), 'utf8'));
  const floor = /^>=(\d+)\.(\d+)$/.exec(relay.engines.node);
  if (!floor) throw new Error(`expected engines.node like ">=22.12", got ${relay.engines.node}`);
  return `${floor[1]}.${floor[2]}.0`;
}

describe('the relay and the camera, installed from their tarballs', () => {
  let packed: Packed | undefined;
  let user: UserFolder | undefined;

  before(async () => {
    packed = await packPublished();
    const { tarballs } = packed;
    user = await installInUserFolder([
      tarballs['@porthole/protocol'],
      tarballs['@porthole/relay'],
      tarballs['@porthole/camera'],
    ]);
  });
  after(async () => {
    await user?.remove();
    if (packed) await rm(packed.dir, { recursive: true, force: true });
  });

  for (const version of NODES) {
    test(`on Node ${version}: the relay starts, plays its own loop, and a frame from the camera goes live`, async () => {
      assert.ok(user);
      const { dir: folder, tokenFile } = user;
      const node = version === process.versions.node ? process.execPath : await nodeRuntime(version);
      const env = userEnv(node);
      const bins = join(folder, 'node_modules/.bin');
      for (const bin of ['porthole-relay', 'porthole-camera']) {
        const { stdout } = await run(join(bins, bin), ['--help'], { cwd: folder, env, timeoutMs: 30_000 });
        assert.match(stdout, new RegExp(`^${bin}: `), `${bin} --help`);
      }

      const dataDir = await mkdtemp(join(tmpdir(), 'porthole-user-data-'));
      const relay = await startInstalledRelay({ folder, node, dataDir, tokenFile });
      try {
        const metrics = await (await fetch(new URL('metrics', relay.url))).text();
        assert.match(
          metrics,
          new RegExp(`nodejs_version_info\\{version="v${version}"`),
          'the relay runs on this Node',
        );
        // No ./loop in the user's folder: the loop that ships with the package plays.
        assert.match(relay.output(), /playing the default loop/);
        const before = await pointer(relay.url);
        assert.equal(before.mode, 'offline');
        assert.ok(before.variants.length > 0, 'the packaged loop is on air before any camera');

        await run(
          join(bins, 'porthole-camera'),
          ['--synthetic', '--count', '1', '--relay', relay.url, '--token-file', tokenFile],
          { cwd: folder, env, timeoutMs: 60_000 },
        );
        const live = await eventually(async () => {
          const now = await pointer(relay.url);
          return now.seq > before.seq && now.mode === 'live' ? now : undefined;
        });
        assert.ok(live.variants.some((v) => v.format === 'avif'));
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- relay output\n${relay.output()}`);
      } finally {
        await relay.stop();
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  }
});

async function pointer(relay: string): Promise<Pointer> {
  const res = await fetch(new URL('frame', relay));
  assert.equal(res.status, 200);
  return (await res.json()) as Pointer;
}

/** Polls until `check` returns a value, for at most 15 s. */
async function eventually<T>(check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('the pointer did not move within 15 s');
    await delay(200);
  }
}
