/** Builds the demo site once per test process into a temporary folder and reads its pages. */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'astro';

export const SITE_ROOT = join(import.meta.dirname, '..');
/** A relay URL no test talks to: it only has to show up in the built markup. */
export const TEST_RELAY = 'http://127.0.0.1:9/test-relay/';

let built: Promise<string> | undefined;

/** The output folder of a fresh static build (PORTHOLE_RELAY_URL set to TEST_RELAY). */
export function builtSite(): Promise<string> {
  built ??= (async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'porthole-demo-site-'));
    process.env.PORTHOLE_RELAY_URL = TEST_RELAY;
    await build({ root: SITE_ROOT, outDir, logLevel: 'error' });
    return outDir;
  })();
  return built;
}

/** Every HTML page of the build, as site paths ("/docs/relay/index.html"). */
export async function htmlPages(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true });
  return entries
    .filter((entry) => entry.endsWith('.html'))
    .map((entry) => `/${relative(outDir, join(outDir, entry)).split('\\').join('/')}`)
    .sort();
}

export function readPage(outDir: string, sitePath: string): Promise<string> {
  return readFile(join(outDir, sitePath), 'utf8');
}
