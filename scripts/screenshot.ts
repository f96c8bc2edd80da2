/**
 * Screenshots of a running demo (npm start) in headless Chromium, for READMEs and reviews.
 *
 *   node scripts/screenshot.ts [--site http://127.0.0.1:4321/] [--out /tmp/porthole-screens]
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS } from '@porthole/testing';
import { chromium } from 'playwright-core';

const { values } = parseArgs({
  options: {
    site: { type: 'string', default: 'http://127.0.0.1:4321/' },
    out: { type: 'string', default: '/tmp/porthole-screens' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});

await mkdir(values.out, { recursive: true });
const browser = await chromium.launch({ executablePath: values.chromium, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const shots: [string, string, () => Promise<void>][] = [
    // Wait for a live frame to be crossfaded in, not just the poster.
    [
      'home.png',
      '/',
      () =>
        page
          .waitForSelector('porthole-feed .porthole-frame:nth-child(2)', { timeout: 15_000 })
          .then(() => page.waitForTimeout(1500)),
    ],
    [
      'preview.png',
      '/preview/',
      () =>
        page
          .waitForSelector('owner-preview[data-mode]', { timeout: 15_000 })
          .then(() => page.waitForTimeout(500)),
    ],
    // Half-way down the hero: the feed fades as the hero leaves the screen.
    [
      'home-scrolled.png',
      '/',
      () => page.evaluate('window.scrollTo(0, 380)').then(() => page.waitForTimeout(800)),
    ],
    ['docs-relay.png', '/docs/relay/', async () => {}],
  ];
  for (const [file, path, ready] of shots) {
    await page.goto(new URL(path, values.site).href);
    await ready().catch((error: Error) => console.warn(`${path}: ${error.message.split('\n')[0]}`));
    await page.screenshot({ path: join(values.out, file) });
    console.log(join(values.out, file));
  }
} finally {
  await browser.close();
}
