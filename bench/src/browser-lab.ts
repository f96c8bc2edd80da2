/**
 * What the browser benches share: a relay in this process (live, one frame in), the demo site built
 * against it with its page variants, a static server for them, and Debian's Chromium.
 */

import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  CHROMIUM_PATH as CHROMIUM,
  launchChromium,
  type StaticSite,
  serveStatic,
  startTestRelay,
  type TestRelay,
  TOKEN,
} from '@porthole/testing';
import { build } from 'astro';
import type { Browser } from 'playwright-core';
import { feedScriptPaths, withFixedPolling, withNaivePoller, withoutFeed } from './page-variants.ts';
import { LOOP_DIR } from './repository-loop.ts';
import { uploadFrame } from './upload.ts';

const DEMO_SITE = new URL('../../demo-site/', import.meta.url).pathname;

/** Paths of the page variants on the lab's site. */
export const PAGES = {
  hint: '/',
  fixed: '/fixed/',
  bare: '/bare/',
  naive: '/naive/',
} as const;
export const FIXED_POLL_MS = 2_000;
/** Where the naive page variant polls the newest camera upload, as the original design's front end did. */
export const CAMERA_FRAME = '/camera/latest.jpg';

/** Show `jpeg` as the newest camera upload at CAMERA_FRAME (never cached, as that front end needed). */
export function showCameraFrame(site: StaticSite, jpeg: Buffer): void {
  site.files.set(CAMERA_FRAME, { body: jpeg, cacheControl: 'no-store' });
}

/** Like a real host: hashed assets cached for good, pages revalidated. */
const cacheControl = (path: string) =>
  path.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache';

export interface BrowserLab {
  relay: TestRelay;
  site: StaticSite;
  browser: Browser;
  /** Port of Chromium's remote debugging (for Lighthouse). */
  debuggingPort: number;
  islandJs: { minBytes: number; gzipBytes: number };
  close(): Promise<void>;
}

/** The lab, or the reason it cannot run here. */
export async function openBrowserLab(
  firstFrame: Buffer,
  debuggingPort: number,
): Promise<BrowserLab | { skip: string }> {
  try {
    await readFile(CHROMIUM);
  } catch {
    return { skip: `${CHROMIUM} is missing (apt-get install -y chromium)` };
  }
  const relay = await startTestRelay({ loopDir: LOOP_DIR, offlineAfter: '60s' });
  const outDir = mkdtempSync(join(tmpdir(), 'porthole-bench-site-'));
  try {
    await uploadFrame(relay.url, TOKEN, firstFrame);
    await relay.idle();
    process.env.ASTRO_TELEMETRY_DISABLED = '1';
    process.env.PORTHOLE_RELAY_URL = relay.url;
    await build({ root: DEMO_SITE, outDir, logLevel: 'error' });
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    const site = await serveStatic(outDir, { gzip: true, cacheControl });
    site.files.set(`${PAGES.fixed}index.html`, { body: withFixedPolling(html, FIXED_POLL_MS) });
    site.files.set(`${PAGES.bare}index.html`, { body: withoutFeed(html) });
    site.files.set(`${PAGES.naive}index.html`, { body: withNaivePoller(html, CAMERA_FRAME, FIXED_POLL_MS) });
    showCameraFrame(site, firstFrame);
    const islandJs = await islandSize(outDir, feedScriptPaths(html));
    const browser = await launchChromium({ args: [`--remote-debugging-port=${debuggingPort}`] });
    return {
      relay,
      site,
      browser,
      debuggingPort,
      islandJs,
      async close() {
        await browser.close();
        await site.close();
        await relay.dispose();
        await rm(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await relay.dispose();
    await rm(outDir, { recursive: true, force: true });
    return { skip: `the demo site could not be built or served: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** The island's shipped JavaScript: its entry chunk and every chunk it imports, minified by the build. */
async function islandSize(
  outDir: string,
  entries: string[],
): Promise<{ minBytes: number; gzipBytes: number }> {
  const seen = new Set<string>();
  const queue = entries.map((p) => p.replace(/^\//, ''));
  let minBytes = 0;
  let gzipBytes = 0;
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(join(outDir, file), 'utf8');
    // Each chunk travels as its own gzip response.
    minBytes += Buffer.byteLength(text);
    gzipBytes += gzipSync(text, { level: 9 }).length;
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    for (const m of text.matchAll(/from\s*"(\.\/[^"]+)"|import\s*"(\.\/[^"]+)"/g))
      queue.push(dir + (m[1] ?? m[2])!.slice(2));
  }
  return { minBytes, gzipBytes };
}
