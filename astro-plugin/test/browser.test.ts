import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  eventually,
  launchChromium,
  serveStatic,
  startTestRelay,
  type TestRelay,
  TOKEN,
} from '@porthole/testing';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startCamera } from './browser/camera.ts';
import { type SeenRequest, startCountingProxy } from './browser/counting-proxy.ts';
import { buildFixture } from './build-fixture.ts';

// Real everything: the relay from relay/, real tus uploads from a software camera, the fixture
// site built with the integration, Debian's Chromium. A counting proxy between the page and the
// relay sees every request the island makes.

const loopDir = fileURLToPath(new URL('../../loop/', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const trackIsland = fileURLToPath(new URL('./browser/track-island.js', import.meta.url));
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

let tmp: string;
let relay: TestRelay;
let relayPort: number;
let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
let site: Awaited<ReturnType<typeof serveStatic>>;
let camera: ReturnType<typeof startCamera> | undefined;

/** The software camera starts with the first test that wants live frames and runs to the end. */
async function cameraRunning() {
  if (!camera) {
    camera = startCamera(() => relay.url, TOKEN);
    await camera.first;
    await relay.idle();
  }
  return camera;
}
let browser: Browser;
const consoleNoise: string[] = [];
/** Requests per minute and bytes per minute, measured below, reported at the end. */
const figures: Record<string, { pointer: number; images: number; kB: number }> = {};

/** The relay, on the same folder (and, after a restart, the same port) throughout. */
const relayOptions = (port: number) => ({ port, dataDir: join(tmp, 'relay'), loopDir, offlineAfter: '8s' });

const isPointer = (r: SeenRequest) => r.path === '/frame';
const isImage = (r: SeenRequest) => r.path.startsWith('/frames/');
const since = (at: number, kind: (r: SeenRequest) => boolean = () => true) =>
  proxy.seen.filter((r) => r.at >= at && kind(r));

/** Counts what the page fetched from the relay during `ms`, as per-minute figures. */
async function measure(name: string, ms: number) {
  const start = Date.now();
  await sleep(ms);
  const seen = since(start);
  const perMinute = (n: number) => Math.round((n * 60_000) / ms);
  figures[name] = {
    pointer: perMinute(seen.filter(isPointer).length),
    images: perMinute(seen.filter(isImage).length),
    kB: Math.round(perMinute(seen.reduce((sum, r) => sum + r.bytes, 0)) / 1024),
  };
  return seen.length;
}

async function openPage(options: BrowserContextOptions = {}, path = '') {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, ...options });
  await context.addInitScript({ path: trackIsland });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleNoise.push(message.text());
  });
  page.on('pageerror', (error) => consoleNoise.push(`uncaught: ${error.message}`));
  await page.goto(new URL(path, site.url).href);
  return page;
}

const topFrame = (page: Page) =>
  page.$eval('.porthole-layer', (layer) => (layer.lastElementChild as HTMLImageElement | null)?.src ?? '');

/** Scrolls to `fraction` of the hero's height and reads the camera layer's computed opacity. */
async function layerOpacityAfterScroll(page: Page, fraction: number): Promise<number> {
  await page.evaluate((f) => window.scrollTo(0, document.getElementById('hero')!.offsetHeight * f), fraction);
  // The scroll event, the fade's animation frame (or the scroll timeline) and a frame to show it.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return page.$eval('.porthole-layer', (layer) => Number(getComputedStyle(layer).opacity));
}

/** Waits until the top image in the layer is a relay frame other than `previous`. */
async function nextFrame(page: Page, previous = '', timeout = 12_000): Promise<string> {
  await page.waitForFunction(
    (prev) => {
      const top = document.querySelector('.porthole-layer')?.lastElementChild as HTMLImageElement | null;
      return !!top && top.src.includes('/frames/') && top.src !== prev && top.complete;
    },
    previous,
    { timeout, polling: 50 },
  );
  return topFrame(page);
}

const feedStatus = (page: Page) => page.textContent('#feed-status');
const shoot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`) });

/** Headless Chromium keeps every page visible, so the tab's visibility is emulated on the document. */
const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate((hide) => {
    if (hide) {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    } else {
      delete (document as { hidden?: boolean }).hidden;
      delete (document as { visibilityState?: string }).visibilityState;
    }
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);

describe('the island in Chromium against a real relay', { timeout: 300_000 }, () => {
  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'porthole-astro-browser-'));
    await rm(shots, { recursive: true, force: true });
    await mkdir(shots, { recursive: true });
    relay = await startTestRelay(relayOptions(0));
    relayPort = Number(new URL(relay.url).port);
    proxy = await startCountingProxy(() => relay.url);
    await buildFixture('static', { outDir: join(tmp, 'site'), env: { PORTHOLE_RELAY_URL: proxy.url } });
    site = await serveStatic(join(tmp, 'site'));
    browser = await launchChromium();
  });

  // A failed test must not leave its page polling into the next one's counts.
  afterEach(async () => {
    await Promise.all(browser.contexts().map((context) => context.close()));
  });

  after(async () => {
    camera?.stop();
    await browser?.close();
    await site?.close();
    await proxy?.close();
    await relay?.dispose();
    await rm(tmp, { recursive: true, force: true });
  });

  it('plays the loop the relay serves while the camera is offline', async () => {
    const page = await openPage();
    const first = await nextFrame(page);
    const second = await nextFrame(page, first);
    assert.notEqual(first, second);
    assert.equal(await feedStatus(page), 'offline');
    await shoot(page, '01-offline-loop');
    await page.context().close();
  });

  it('advances live frames, crossfading only decoded ones, in the best format for the element', async () => {
    await cameraRunning();
    const page = await openPage();
    // Record each frame as it is inserted: how many frames lie under it and whether it fades in.
    await page.evaluate(() => {
      const log: { below: number; fading: boolean; complete: boolean }[] = [];
      (window as unknown as { inserted: typeof log }).inserted = log;
      const layer = document.querySelector('.porthole-layer') as Element;
      new MutationObserver((records) => {
        for (const record of records)
          for (const node of record.addedNodes) {
            const img = node as HTMLImageElement;
            log.push({
              below: layer.children.length - 1,
              fading: img.getAnimations().some((a) => (a as CSSAnimation).animationName === 'porthole-in'),
              complete: img.complete && img.naturalWidth > 0,
            });
          }
      }).observe(layer, { childList: true });
    });
    let frame = await nextFrame(page);
    await page.waitForFunction(() => document.getElementById('feed-status')?.textContent === 'playing');
    for (let i = 0; i < 3; i++) frame = await nextFrame(page, frame);
    assert.match(
      frame,
      /\/frames\/[0-9a-f]+-640\.avif$/,
      'Chromium gets AVIF, wide enough for a 1000 px hero',
    );
    const inserted = await page.evaluate(() => (window as unknown as { inserted: object[] }).inserted);
    assert.ok(inserted.length >= 3);
    assert.deepEqual(
      inserted,
      inserted.map(() => ({ below: 1, fading: true, complete: true })),
      'each frame is complete when inserted, fades in over exactly one frame',
    );
    await page.waitForFunction(
      () => document.querySelectorAll('.porthole-layer img').length === 2,
      undefined,
      {
        polling: 'raf',
        timeout: 12_000,
      },
    );
    await shoot(page, '02-crossfade');
    await nextFrame(page, await topFrame(page));
    await page
      .waitForFunction(() => document.querySelectorAll('.porthole-layer img').length === 1, undefined, {
        timeout: 5_000,
      })
      .catch(() => {});
    assert.equal(
      await page.$$eval('.porthole-layer img', (imgs) => imgs.length),
      1,
      'the frame below is removed',
    );
    await shoot(page, '03-playing');
    const requests = await measure('visible', 12_000);
    assert.ok(requests > 0);
    assert.ok(
      figures.visible && figures.visible.pointer <= 60,
      `never faster than poll.min: ${figures.visible?.pointer}/min`,
    );
    await page.context().close();
  });

  it('pauses from a keyboard-operated toggle, fetches nothing, and stays paused after a reload', async () => {
    await cameraRunning();
    const page = await openPage();
    await nextFrame(page);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'porthole-toggle');
    assert.equal(await page.getAttribute('.porthole-toggle', 'aria-pressed'), 'false');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('.porthole-toggle', 'aria-pressed'), 'true');
    assert.equal(await feedStatus(page), 'paused');
    await shoot(page, '04-paused-focus');
    await sleep(500); // a request already in flight may finish
    assert.equal(await measure('paused', 6000), 0, 'paused means zero requests');
    await page.reload();
    await page.waitForFunction(() => document.getElementById('feed-status')?.textContent === 'paused');
    assert.equal(await page.getAttribute('.porthole-toggle', 'aria-pressed'), 'true');
    const start = Date.now();
    await sleep(4000);
    assert.equal(since(start).length, 0, 'still paused after the reload');
    assert.match(await topFrame(page), /^data:image\/jpeg/, 'the poster shows');
    await page.click('#footer-toggle'); // another island drives the same store
    await nextFrame(page);
    assert.equal(await page.getAttribute('.porthole-toggle', 'aria-pressed'), 'false');
    assert.equal(await page.evaluate(() => localStorage.getItem('porthole:paused')), '0');
    await page.context().close();
  });

  it('gives reduced motion a still frame and a visible play control, then plays without crossfades', async () => {
    await cameraRunning();
    const page = await openPage({ reducedMotion: 'reduce' });
    await page.waitForFunction(() => document.getElementById('feed-status')?.textContent === 'still');
    const start = Date.now();
    await sleep(4000);
    assert.equal(since(start).length, 0, 'no automatic updates');
    assert.match(await topFrame(page), /^data:image\/jpeg/);
    assert.equal(await page.getAttribute('.porthole-toggle', 'aria-pressed'), 'true');
    assert.ok(await page.isVisible('.porthole-toggle'));
    await shoot(page, '05-reduced-motion-still');
    await page.click('.porthole-toggle');
    let frame = await nextFrame(page);
    frame = await nextFrame(page, frame);
    assert.equal(
      await page.$$eval('.porthole-layer img', (imgs) => imgs.length),
      1,
      'frames swap without a fade',
    );
    assert.equal(
      await page.$eval('.porthole-layer img', (img) => img.classList.contains('porthole-in')),
      false,
    );
    await page.context().close();
  });

  it('treats Save-Data like reduced motion: the still poster until play', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'connection', {
        configurable: true,
        get: () => ({ saveData: true }),
      });
    });
    const page = await context.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => document.getElementById('feed-status')?.textContent === 'still');
    const start = Date.now();
    await sleep(2500);
    assert.equal(since(start).length, 0, 'Save-Data fetches nothing until asked');
    await page.click('.porthole-toggle');
    await nextFrame(page);
  });

  it('stops polling while the tab is hidden and resumes at once when it returns', async () => {
    await cameraRunning();
    const page = await openPage();
    await nextFrame(page);
    await setHidden(page, true);
    await sleep(300);
    assert.equal(await measure('hidden', 6000), 0, 'a hidden tab fetches nothing');
    const back = Date.now();
    await setHidden(page, false);
    await eventually(async () => since(back, isPointer).length >= 1, 800).catch(() => {});
    assert.ok(since(back, isPointer).length >= 1, 'polls again within 800 ms of returning');
    await page.context().close();
  });

  it('stops polling while the hero is scrolled away and resumes when it is back', async () => {
    await cameraRunning();
    const page = await openPage();
    await nextFrame(page);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await sleep(500);
    assert.equal(await measure('off-screen', 5000), 0, 'an off-screen hero fetches nothing');
    const back = Date.now();
    await page.evaluate(() => window.scrollTo(0, 0));
    await eventually(async () => since(back, isPointer).length >= 1, 800).catch(() => {});
    assert.ok(since(back, isPointer).length >= 1);
    await page.context().close();
  });

  it('fades the layer out as the hero scrolls away', async () => {
    await cameraRunning();
    const page = await openPage();
    await nextFrame(page);
    const opacityAt = (fraction: number) => layerOpacityAfterScroll(page, fraction);
    assert.equal(await opacityAt(0), 1);
    const half = await opacityAt(0.5);
    assert.ok(half > 0.3 && half < 0.7, `half-way opacity ${half}`);
    await shoot(page, '06-scrolled-half');
    assert.ok((await opacityAt(0.95)) < 0.1);
    await page.context().close();
  });

  it('fades with a passive scroll handler where CSS scroll-driven animations are missing', async () => {
    await cameraRunning();
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    // Play a browser without view() timelines: the island asks CSS.supports, the stylesheet's
    // @supports block is neutralised.
    await context.addInitScript(() => {
      const supports = CSS.supports.bind(CSS);
      CSS.supports = ((...args: [string, string?]) =>
        /animation-timeline/.test(args.join(':'))
          ? false
          : supports(...(args as [string]))) as typeof CSS.supports;
    });
    const page = await context.newPage();
    await page.goto(site.url);
    await page.addStyleTag({ content: '.porthole-layer { animation: none !important; }' });
    await nextFrame(page);
    const opacityAt = (fraction: number) => layerOpacityAfterScroll(page, fraction);
    assert.equal(await opacityAt(0), 1);
    const half = await opacityAt(0.5);
    assert.ok(half > 0.3 && half < 0.7, `half-way opacity ${half}`);
    assert.notEqual(
      await page.$eval('.porthole-layer', (layer) => layer.style.opacity),
      '',
      'set by the island',
    );
    assert.ok((await opacityAt(0.95)) < 0.1);
  });

  it('picks the variant width from the element size and the device pixel ratio', async () => {
    await cameraRunning();
    for (const [deviceScaleFactor, width] of [
      [1, 320],
      [2, 640],
    ] as const) {
      const context = await browser.newContext({ viewport: { width: 300, height: 600 }, deviceScaleFactor });
      const page = await context.newPage();
      await page.goto(site.url);
      assert.match(await nextFrame(page), new RegExp(`-${width}\\.avif$`), `${deviceScaleFactor}x screen`);
      await context.close();
    }
  });

  it('sends a wave, shows it was sent, stays disabled for the cooldown, and the camera hears it', async () => {
    await cameraRunning();
    const page = await openPage();
    await nextFrame(page);
    const start = Date.now();
    await page.click('.porthole-wave');
    assert.equal(await page.getAttribute('.porthole-wave', 'aria-disabled'), 'true');
    await page.click('.porthole-wave', { force: true }); // ignored during the cooldown
    await page.waitForTimeout(200);
    await shoot(page, '07-wave-pressed');
    assert.equal(since(start, (r) => r.path === '/wave' && r.method === 'POST').length, 1);
    assert.equal(since(start, (r) => r.path === '/wave')[0]?.status, 202);
    await page.waitForFunction(
      () => document.querySelector('.porthole-note')?.textContent === 'Someone waved',
      undefined,
      {
        timeout: 8000,
      },
    );
    assert.ok(Number(await page.textContent('#feed-waves')) >= 1, 'the stores carry the pointer’s waves');
    await page.waitForTimeout(900); // the note fades in
    await shoot(page, '08-someone-waved');
    await page.waitForFunction(
      () => !document.querySelector('.porthole-wave')?.hasAttribute('aria-disabled'),
      undefined,
      {
        timeout: 5000,
      },
    );
    const metrics = await (await fetch(new URL('metrics', relay.url))).text();
    assert.match(metrics, /^porthole_waves_total [1-9]/m);
    // The next upload's response tells the camera about the wave (its LED blinks).
    const { waves } = await cameraRunning();
    const heard = waves.length;
    await eventually(async () => waves.length >= heard + 2, 15_000);
    assert.ok(
      waves.some((count) => count >= 1),
      `uploads heard ${waves.join(',')}`,
    );
    await page.context().close();
  });

  it('leaves no timer, observer or listener behind across view-transition navigations', async () => {
    await cameraRunning();
    const page = await openPage();
    await nextFrame(page);
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const held = () =>
      page.evaluate(() => (window as unknown as { __portholeHeld(): object }).__portholeHeld());
    const onHome = (await held()) as { timers: number; observing: number; listeners: number };
    assert.ok(onHome.timers <= 1 && onHome.observing === 1 && onHome.listeners > 0, JSON.stringify(onHome));
    for (let round = 0; round < 3; round++) {
      await page.click('#to-about');
      await page.waitForURL(/\/about\/$/);
      await sleep(300);
      const away = Date.now();
      await sleep(2500);
      assert.deepEqual(
        await held(),
        { timers: 0, observing: 0, listeners: 0 },
        `round ${round}: all released`,
      );
      assert.equal(since(away).length, 0, `round ${round}: nothing fetched on a page without the hero`);
      await page.click('#to-home');
      await page.waitForURL(/\/$/);
      await nextFrame(page);
      const back = (await held()) as typeof onHome;
      assert.ok(back.timers <= 1, JSON.stringify(back));
      assert.equal(back.observing, 1);
      assert.equal(back.listeners, onHome.listeners, 'the same listeners as the first visit, no more');
    }
    assert.equal(
      await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
      true,
    );
    await page.context().close();
  });

  it('keeps the last frame while the relay is down, backs off, then recovers', async () => {
    await cameraRunning();
    const page = await openPage();
    await nextFrame(page);
    await relay.close();
    const down = Date.now();
    // Polls are sequential: once the island has asked the closed relay, any frame it fetched before is
    // on screen. That frame (its fade finished) must stay.
    await eventually(async () => since(down, isPointer).length > 0);
    await page.waitForFunction(() => {
      const top = document.querySelector('.porthole-layer')?.lastElementChild as HTMLImageElement | null;
      return !!top && top.complete && top.getAnimations().every((a) => a.playState === 'finished');
    });
    const last = await topFrame(page);
    await sleep(down + 10_000 - Date.now());
    assert.equal(await topFrame(page), last, 'the last frame stays');
    assert.ok(
      await page.$eval(
        '.porthole-layer img',
        (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
      ),
    );
    assert.equal(await feedStatus(page), 'offline');
    const attempts = since(down, isPointer).map((r) => r.at);
    const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] as number));
    assert.ok(attempts.length >= 2 && attempts.length <= 10, `${attempts.length} attempts in 10 s`);
    assert.ok(Math.max(...gaps) >= 2000, `the gaps grow: ${gaps.join(', ')} ms`);
    await shoot(page, '09-relay-down');
    relay = await startTestRelay(relayOptions(relayPort));
    await nextFrame(page, last, 15_000);
    await page.waitForFunction(() => document.getElementById('feed-status')?.textContent === 'playing');
    await page.context().close();
  });

  it('says nothing in the console', () => {
    // Chromium itself reports failed network requests while the relay is down; the island adds nothing.
    const ours = consoleNoise.filter((text) => !text.startsWith('Failed to load resource'));
    assert.deepEqual(ours, []);
  });

  it('reports the request rates it measured', (t) => {
    for (const [name, f] of Object.entries(figures)) {
      t.diagnostic(`${name}: ${f.pointer} pointer + ${f.images} image requests/min, ${f.kB} kB/min`);
    }
    assert.deepEqual(Object.keys(figures).sort(), ['hidden', 'off-screen', 'paused', 'visible']);
  });
});
