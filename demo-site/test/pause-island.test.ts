/**
 * In Chromium, against a real relay: the footer's pause control (a separate island) pauses the
 * hero's feed through @porthole/astro/stores, the choice survives a reload, and play resumes it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSyntheticSource, uploadFrame } from '@porthole/camera';
import { launchChromium, serveStatic, startTestRelay, type TestRelay, TOKEN } from '@porthole/testing';
import { build } from 'astro';
import type { Browser, Page } from 'playwright-core';
import { SITE_ROOT } from './built-site.ts';

describe('the footer pause control in Chromium', () => {
  let relay: TestRelay;
  let browser: Browser;
  let site: { url: string; close(): Promise<void> };
  let work: string;
  let page: Page;
  const pointerRequests: number[] = [];

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'porthole-demo-browser-'));
    relay = await startTestRelay({
      dataDir: join(work, 'relay'),
      loopDir: join(SITE_ROOT, '../loop'),
      offlineAfter: '60s',
    });
    await uploadFrame(await openSyntheticSource().next(), { relay: relay.url, token: TOKEN });
    process.env.PORTHOLE_RELAY_URL = relay.url;
    await build({ root: SITE_ROOT, outDir: join(work, 'dist'), logLevel: 'error' });
    site = await serveStatic(join(work, 'dist'));
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (request) => {
      if (request.url() === `${relay.url}frame`) pointerRequests.push(Date.now());
    });
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await relay?.dispose();
    await rm(work, { recursive: true, force: true });
  });

  const heroToggle = () => page.getAttribute('porthole-feed .porthole-toggle', 'aria-pressed');

  it('shows the live feed and its state in the footer', async () => {
    await page.goto(site.url);
    await page.waitForSelector('feed-pause-control[data-state="playing"]', { timeout: 15_000 });
    assert.equal(await heroToggle(), 'false');
    assert.match((await page.textContent('feed-pause-control .state')) ?? '', /Live view: on/);
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
    await page.waitForSelector('feed-pause-control[data-state="paused"]', { timeout: 5_000 });
    assert.equal(await heroToggle(), 'true', 'the hero island saw the shared store change');
    assert.equal(await page.getAttribute('feed-pause-control button', 'aria-pressed'), 'true');
    await page.waitForTimeout(300); // a request already in flight may still land
    const before = pointerRequests.length;
    await page.waitForTimeout(3_000);
    assert.equal(pointerRequests.length, before, 'no GET /frame while paused');
  });

  it('remembers the pause across a reload, and play resumes polling', async () => {
    await page.reload();
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForSelector('feed-pause-control[data-state="paused"]', { timeout: 5_000 });
    assert.equal(await heroToggle(), 'true');
    const before = pointerRequests.length;
    await clickFooterControl();
    await page.waitForSelector('feed-pause-control[data-state="playing"]', { timeout: 15_000 });
    assert.ok(pointerRequests.length > before, 'polling resumed');
  });
});
