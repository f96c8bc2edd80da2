/**
 * A fresh Astro site, as `npm create astro` leaves a minimal one: package.json with astro at the
 * repository's version, astro.config.mjs with no integrations, one page. Its node_modules come
 * from the public registry once, then from a copy kept in the temp folder by astro version, so
 * reruns take seconds instead of minutes.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run.ts';
import { REPO_ROOT, userEnv } from './user-env.ts';

const PAGE = `---
// The page a site author writes: the feed behind the hero, before the heading.
import Porthole from '@porthole/astro/Porthole.astro';
---
<html lang="en">
  <head><meta charset="utf-8" /><title>My desk</title></head>
  <body>
    <section class="hero" style="min-height: 60vh">
      <Porthole />
      <h1>Hello from my desk</h1>
    </section>
  </body>
</html>
`;

/** The astro version the repository builds with (the demo site's). */
export async function repositoryAstroVersion(): Promise<string> {
  const demo = JSON.parse(await readFile(join(REPO_ROOT, 'demo-site/package.json'), 'utf8'));
  return demo.dependencies.astro as string;
}

export interface FreshSite {
  dir: string;
  remove(): Promise<void>;
}

/** A new site folder. `npmrc` becomes its .npmrc (where a scoped registry goes). */
export async function freshAstroSite(astro: string, npmrc: string): Promise<FreshSite> {
  const cached = await cachedInstall(astro);
  const dir = await mkdtemp(join(tmpdir(), 'porthole-fresh-site-'));
  await cp(cached, dir, { recursive: true, verbatimSymlinks: true });
  await writeFile(join(dir, '.npmrc'), npmrc);
  await writeFile(
    join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\n\nexport default defineConfig({});\n`,
  );
  await mkdir(join(dir, 'src/pages'), { recursive: true });
  await writeFile(join(dir, 'src/pages/index.astro'), PAGE);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** package.json, package-lock.json and node_modules of a site with only astro installed. */
async function cachedInstall(astro: string): Promise<string> {
  const dir = join(tmpdir(), `porthole-astro-site-${astro}`);
  const done = join(dir, 'node_modules/.porthole-cache-complete');
  if (existsSync(done)) return dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const manifest = {
    name: 'my-site',
    type: 'module',
    private: true,
    scripts: { dev: 'astro dev', build: 'astro build', preview: 'astro preview' },
    dependencies: { astro },
  };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await run('npm', ['install'], { cwd: dir, env: userEnv(process.execPath), timeoutMs: 600_000 });
  await writeFile(done, '');
  return dir;
}
