/**
 * `npx astro add @porthole/astro` on a fresh Astro site, with @porthole/* served by a local
 * registry from the packed tarballs; then the site built with only the `relay` option, and the
 * server-rendered hero checked for a real frame, fetched from the relay, before any JavaScript.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { type FreshSite, freshAstroSite, repositoryAstroVersion } from '../src/fresh-site.ts';
import { type InstalledRelay, startInstalledRelay } from '../src/installed-relay.ts';
import { type LocalRegistry, startLocalRegistry } from '../src/local-registry.ts';
import { type Packed, packPublished } from '../src/pack.ts';
import { run } from '../src/run.ts';
import { userEnv } from '../src/user-env.ts';
import { installInUserFolder, type UserFolder } from '../src/user-folder.ts';

describe('npx astro add @porthole/astro', () => {
  let packed: Packed | undefined;
  let registry: LocalRegistry | undefined;
  let site: FreshSite | undefined;
  let user: UserFolder | undefined;
  let relay: InstalledRelay | undefined;

  before(async () => {
    packed = await packPublished();
    registry = await startLocalRegistry();
    for (const name of ['@porthole/protocol', '@porthole/astro'] as const) {
      await registry.publish(packed.tarballs[name]);
    }
    // Only @porthole/* comes from the local registry; astro and the rest from the public one.
    site = await freshAstroSite(await repositoryAstroVersion(), `@porthole:registry=${registry.url}\n`);
    // The relay the site points at, installed from its tarball like the site's packages.
    user = await installInUserFolder([
      packed.tarballs['@porthole/protocol'],
      packed.tarballs['@porthole/relay'],
    ]);
    relay = await startInstalledRelay({
      folder: user.dir,
      node: process.execPath,
      dataDir: join(user.dir, 'data'),
      tokenFile: user.tokenFile,
    });
  });
  after(async () => {
    await relay?.stop();
    await registry?.stop();
    await site?.remove();
    await user?.remove();
    if (packed) await rm(packed.dir, { recursive: true, force: true });
  });

  test('adds the integration, and the built hero shows a frame from the relay before any script', async () => {
    assert.ok(packed && registry && site && relay);
    const env = userEnv(process.execPath, { ASTRO_TELEMETRY_DISABLED: '1' });
    // `astro add` reads the package's metadata from the default registry, so for this one command
    // that is the local one (which passes anything but @porthole/* through to the public registry).
    await run('npx', ['astro', 'add', '@porthole/astro', '--yes'], {
      cwd: site.dir,
      env: { ...env, npm_config_registry: registry.url },
      timeoutMs: 300_000,
    });
    const configFile = join(site.dir, 'astro.config.mjs');
    const config = await readFile(configFile, 'utf8');
    assert.match(config, /import porthole from ["']@porthole\/astro["']/);
    assert.match(config, /integrations: \[porthole\(\)\]/);
    const lock = JSON.parse(await readFile(join(site.dir, 'package-lock.json'), 'utf8'));
    const tarball = await readFile(packed.tarballs['@porthole/astro']);
    assert.equal(
      lock.packages['node_modules/@porthole/astro']?.integrity,
      `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
      'the site installed the tarball packed from this repository',
    );

    await writeFile(configFile, config.replace('porthole()', `porthole({ relay: '${relay.url}' })`));
    await run('npx', ['astro', 'build'], { cwd: site.dir, env, timeoutMs: 300_000 });

    const html = await readFile(join(site.dir, 'dist/index.html'), 'utf8');
    assert.match(html, /<porthole-feed[^>]* data-relay="http:\/\/127\.0\.0\.1:\d+\/"/);
    assert.match(html, /<script type="module"/, 'the island is on the page');
    const src = /<img class="porthole-frame" src="([^"]+)"/.exec(html)?.[1];
    assert.equal(src, `${relay.url}poster`, 'the server-rendered poster is the relay’s frame on air');
    const poster = await fetch(src);
    assert.equal(poster.status, 200);
    assert.equal(poster.headers.get('content-type'), 'image/jpeg');
    const { format, width } = await sharp(Buffer.from(await poster.arrayBuffer())).metadata();
    assert.equal(format, 'jpeg');
    assert.equal(width, 640);
  });
});
