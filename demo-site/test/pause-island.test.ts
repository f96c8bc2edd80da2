/**
 * In each engine's browser, against a real relay: the footer's pause control (a separate island)
 * pauses the hero's feed through @porthole/astro/stores, the choice survives a reload, and play
 * resumes it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSyntheticSource, uploadFrame } from '@porthole/camera';
import {
  type CountingProxy,
  ENGINES,
  eventually,
  openBrowser,
  serveStatic,
  skipUnlessInstalled,
  startCountingProxy,
  startTestRelay,
  type TestBrowser,
  type TestPage,
  type TestRelay,
  TOKEN,
} from '@porthole/testing';
import { build } from 'astro';
import { SITE_ROOT } from './built-site.ts';

let relay: TestRelay;
let proxy: CountingProxy;
let site: { url: string; close(): Promise<void> };
let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'porthole-demo-browser-'));
  relay = await startTestRelay({
    dataDir: join(work, 'relay'),
    loopDir: join(SITE_ROOT, '../loop'),
    offlineAfter: '60s',
  });
  await uploadFrame(await openSyntheticSource().next(), { relay: relay.url, token: TOKEN });
  // Pages reach the relay through a proxy that counts their requests, in any engine.
  proxy = await startCountingProxy(() => relay.url);
  process.env.PORTHOLE_RELAY_URL = proxy.url;
  await build({ root: SITE_ROOT, outDir: join(work, 'dist'), logLevel: 'error' });
  site = await serveStatic(join(work, 'dist'));
});

after(async () => {
  await site?.close();
  await proxy?.close();
  await relay?.dispose();
  await rm(work, { recursive: true, force: true });
});

/** GET /frame requests (the pointer, not its images) the page has made so far. */
const pointerRequests = () => proxy.seen.filter((r) => r.path === '/frame').length;

for (const engine of ENGINES)
  describe(`the footer pause control in ${engine}`, { skip: skipUnlessInstalled(engine) }, () => {
    let browser: TestBrowser;
    let page: TestPage;

    before(async () => {
      browser = await openBrowser(engine);
      page = await browser.newPage();
    });

    after(async () => {
      await browser?.close();
    });

    // Page code as expressions: this package's TypeScript knows no DOM.
    const attribute = (selector: string, name: string) =>
      page.evaluate<string | null>(`document.querySelector('${selector}')?.getAttribute('${name}') ?? null`);
    const heroToggle = () => attribute('porthole-feed .porthole-toggle', 'aria-pressed');
    const footerState = (state: string, timeout: number) =>
      page.waitFor(`document.querySelector('feed-pause-control[data-state="${state}"]')`, undefined, {
        timeout,
      });

    it('shows the live feed and its state in the footer', async () => {
      await page.goto(site.url);
      await footerState('playing', 15_000);
      assert.equal(await heroToggle(), 'false');
      assert.match(
        await page.evaluate<string>("document.querySelector('feed-pause-control .state')?.textContent ?? ''"),
        /Live view: on/,
      );
    });

    /**
     * Clicks the footer control, then scrolls back up: the island also stops polling when the hero
     * is out of view, so the hero must be on screen for the pause to be what is tested.
     */
    async function clickFooterControl() {
      await page.click('feed-pause-control button');
      await page.evaluate('window.scrollTo(0, 0)');
    }

    it('pauses the hero feed from the footer, and polling stops', async () => {
      await clickFooterControl();
      await footerState('paused', 5_000);
      assert.equal(await heroToggle(), 'true', 'the hero island saw the shared store change');
      assert.equal(await attribute('feed-pause-control button', 'aria-pressed'), 'true');
      // A request already in flight may still land (or, in WebKit, stay open though aborted): wait until
      // nothing new has begun for a moment, then nothing may begin at all.
      await eventually(async () => proxy.quietFor(300));
      const before = proxy.seen.length;
      await new Promise((done) => setTimeout(done, 3_000)); // the window in which nothing may be fetched
      assert.deepEqual(
        proxy.seen.slice(before).map((r) => r.path),
        [],
        'no request while paused',
      );
    });

    it('remembers the pause across a reload, and play resumes polling', async () => {
      await page.reload();
      await page.evaluate('window.scrollTo(0, 0)');
      await footerState('paused', 5_000);
      assert.equal(await heroToggle(), 'true');
      const before = pointerRequests();
      await clickFooterControl();
      await footerState('playing', 15_000);
      assert.ok(pointerRequests() > before, 'polling resumed');
    });
  });
