import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { VariantFormat } from '@porthole/protocol';
import {
  type BrowserOptions,
  type CountingProxy,
  ENGINES,
  type Engine,
  eventually,
  fetchFrameOnAir,
  openBrowser,
  type PageOptions,
  pixelDistance,
  SAME_FRAME,
  type SeenRequest,
  serveStatic,
  skipUnlessInstalled,
  startCountingProxy,
  startTestRelay,
  type TestBrowser,
  type TestPage,
  type TestRelay,
  TOKEN,
  widestJpeg,
} from '@porthole/testing';
import { startCamera } from './browser/camera.ts';
import { bestFormat } from './browser/image-formats.ts';
import { buildFixture } from './build-fixture.ts';

// Real everything: the relay from relay/, real tus uploads from a software camera, the fixture
// site built with the integration, and each engine's real browser (Debian's Chromium, Firefox ESR,
// WebKitGTK). A counting proxy between the page and the relay sees every request the island makes.
// Each engine gets a relay and a camera of its own; the site and the proxy are shared. Every engine
// runs twice: against a relay with video (WebCodecs decodes AV1 chunks into canvases) and without
// (the stills, as every browser without WebCodecs gets them).

const loopDir = fileURLToPath(new URL('../../loop/', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const trackIsland = fileURLToPath(new URL('./browser/track-island.js', import.meta.url));

let tmp: string;
let relay: TestRelay;
let proxy: CountingProxy;
let site: Awaited<ReturnType<typeof serveStatic>>;
let trackIslandSource: string;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'porthole-astro-browser-'));
  await rm(shots, { recursive: true, force: true });
  await mkdir(shots, { recursive: true });
  trackIslandSource = await readFile(trackIsland, 'utf8');
  proxy = await startCountingProxy(() => relay.url);
  await buildFixture('static', { outDir: join(tmp, 'site'), env: { PORTHOLE_RELAY_URL: proxy.url } });
  site = await serveStatic(join(tmp, 'site'));
});

after(async () => {
  await site?.close();
  await proxy?.close();
  await rm(tmp, { recursive: true, force: true });
});

type Delivery = 'stills' | 'video';
const DELIVERIES: readonly Delivery[] = ['video', 'stills'];
const isPointer = (r: SeenRequest) => r.path === '/frame';
const isImage = (r: SeenRequest) => r.path.startsWith('/frames/');
const isVideo = (r: SeenRequest) => r.path.startsWith('/video/');
/**
 * When a connection drops, a browser may re-send an idempotent GET itself (Firefox does, up to 10
 * times within a few ms): those requests are one attempt by the island. Returns when each began.
 */
const islandAttempts = (requests: SeenRequest[]) =>
  requests.map((r) => r.at).filter((at, i, all) => i === 0 || at - (all[i - 1] as number) > 100);
const since = (at: number, kind: (r: SeenRequest) => boolean = () => true) =>
  proxy.seen.filter((r) => r.at >= at && kind(r));
/** A window in which the test watches what the page does (it is not waiting for anything). */
const watch = (ms: number) => new Promise((done) => setTimeout(done, ms));

const text = (page: TestPage, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
const attribute = (page: TestPage, selector: string, name: string) =>
  page.evaluate(
    ([s, n]) => document.querySelector(s as string)?.getAttribute(n as string) ?? null,
    [selector, name],
  );
const feedStatus = (page: TestPage) => text(page, '#feed-status');
/** The seq of the video frame on top (0 for an image). */
const shownSeq = async (page: TestPage) => Number((await topFrame(page)).match(/^video:(\d+)$/)?.[1] ?? 0);
const untilStatus = (page: TestPage, status: string, timeout?: number) =>
  page.waitFor((s) => document.getElementById('feed-status')?.textContent === s, status, { timeout });
const countImages = (page: TestPage) =>
  page.evaluate(() => document.querySelectorAll('.porthole-layer .porthole-frame').length);
/** What the top frame shows: an image's URL, or `video:<seq>` for a canvas from the video path. */
const topFrame = (page: TestPage) =>
  page.evaluate(() => {
    const top = document.querySelector('.porthole-layer')?.lastElementChild as HTMLElement | null;
    if (top instanceof HTMLCanvasElement) return `video:${top.dataset.seq}`;
    return (top as HTMLImageElement | null)?.src ?? '';
  });

/** Waits until the top frame in the layer is a relay frame (image or canvas) other than `previous`. */
async function nextFrame(page: TestPage, previous = '', timeout = 12_000): Promise<string> {
  await page.waitFor(
    (prev) => {
      const top = document.querySelector('.porthole-layer')?.lastElementChild as HTMLElement | null;
      if (top instanceof HTMLCanvasElement) return `video:${top.dataset.seq}` !== prev;
      const img = top as HTMLImageElement | null;
      return !!img && img.src.includes('/frames/') && img.src !== prev && img.complete;
    },
    previous,
    { timeout, interval: 50 },
  );
  return topFrame(page);
}

/** Scrolls to `fraction` of the hero's height and reads the camera layer's computed opacity. */
async function layerOpacityAfterScroll(page: TestPage, fraction: number): Promise<number> {
  await page.evaluate((f) => window.scrollTo(0, document.getElementById('hero')!.offsetHeight * f), fraction);
  // The scroll event, the fade's animation frame (or the scroll timeline) and a frame to show it. A page
  // whose window gets no frames for a while (WebKit under Xvfb on a loaded machine) reads it a moment later.
  await page.evaluate(
    () =>
      new Promise((done) => {
        requestAnimationFrame(() => requestAnimationFrame(done));
        setTimeout(done, 500);
      }),
  );
  return page.evaluate(() => Number(getComputedStyle(document.querySelector('.porthole-layer')!).opacity));
}

/** Headless browsers keep every page visible, so the tab's visibility is emulated on the document. */
const setHidden = (page: TestPage, hidden: boolean) =>
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

type Held = { timers: number; observing: number; listeners: number; fetching: number };
const held = (page: TestPage) =>
  page.evaluate(() => (window as unknown as { __portholeHeld(): Held }).__portholeHeld());

/**
 * The island has stopped: it holds no timer and waits for no fetch (it aborted the one in flight, or
 * that one settled), and nothing began at the proxy for 200 ms. WebKit may keep an aborted fetch's
 * connection open until the relay answers: the counts that follow are of requests begun after this.
 */
const stopped = (page: TestPage) =>
  eventually(async () => {
    const { timers, fetching } = await held(page);
    return timers === 0 && fetching === 0 && proxy.quietFor(200);
  }, 10_000);

for (const engine of ENGINES) for (const delivery of DELIVERIES) describeIsland(engine, delivery);

function describeIsland(engine: Engine, delivery: Delivery) {
  /** What the island fetches to follow the feed: the pointer (stills), or held video requests. */
  const isPoll = delivery === 'video' ? isVideo : isPointer;
  describe(`the island in ${engine} against a real relay, ${delivery}`, {
    timeout: 420_000,
    skip: skipUnlessInstalled(engine),
  }, () => {
    let relayPort: number;
    let camera: ReturnType<typeof startCamera> | undefined;
    let browser: TestBrowser;
    const open: TestPage[] = [];
    const consoleNoise: string[] = [];
    /** Requests per minute and bytes per minute, measured below, reported at the end. */
    const figures: Record<string, { pointer: number; images: number; video: number; kB: number }> = {};
    const shoot = (page: TestPage, name: string) =>
      page.screenshot(join(shots, `${engine}-${delivery}-${name}.png`));
    /** Tests of what the island does the same on either path run once per engine, with the stills. */
    const bothPaths = delivery === 'stills';

    /** The relay, on the same folder (and, after a restart, the same port) throughout. */
    const relayOptions = (port: number) => ({
      port,
      dataDir: join(tmp, `relay-${engine}-${delivery}`),
      loopDir,
      offlineAfter: '8s',
      video: delivery === 'video',
    });

    /** The software camera starts with the first test that wants live frames and runs to the end. */
    async function cameraRunning() {
      if (!camera) {
        camera = startCamera(() => relay.url, TOKEN);
        await camera.first;
        await relay.idle();
      }
      return camera;
    }

    /** Counts what the page fetched from the relay during `ms`, as per-minute figures. */
    async function measure(name: string, ms: number) {
      const start = Date.now();
      await watch(ms);
      const seen = since(start);
      const perMinute = (n: number) => Math.round((n * 60_000) / ms);
      figures[name] = {
        pointer: perMinute(seen.filter(isPointer).length),
        images: perMinute(seen.filter(isImage).length),
        video: perMinute(seen.filter(isVideo).length),
        kB: Math.round(perMinute(seen.reduce((sum, r) => sum + r.bytes, 0)) / 1024),
      };
      return seen.length;
    }

    /** A page of `from` (the engine's browser unless given), counted by the island tracker. */
    async function openPage(options: PageOptions = {}, path = '', from = browser) {
      const page = await from.newPage({
        viewport: { width: 1000, height: 700 },
        ...options,
        initScripts: [trackIslandSource, ...(options.initScripts ?? [])],
      });
      open.push(page);
      await page.goto(new URL(path, site.url).href);
      return page;
    }
    async function close(page: TestPage) {
      open.splice(open.indexOf(page), 1);
      await page.close();
      for (const entry of page.console)
        consoleNoise.push(entry.type === 'uncaught' ? `uncaught: ${entry.text}` : entry.text);
    }
    /** Another browser of this engine, for what it takes only at launch; closed by `use`'s end. */
    async function withBrowser(options: BrowserOptions, use: (other: TestBrowser) => Promise<void>) {
      const other = await openBrowser(engine, options);
      try {
        await use(other);
      } finally {
        await Promise.all([...open].map(close));
        await other.close();
      }
    }

    before(async () => {
      relay = await startTestRelay(relayOptions(0));
      relayPort = Number(new URL(relay.url).port);
      browser = await openBrowser(engine);
    });

    // A failed test must not leave its page polling into the next one's counts.
    afterEach(async () => {
      await Promise.all([...open].map(close));
    });

    after(async () => {
      camera?.stop();
      await Promise.all([...open].map(close));
      await browser?.close();
      await relay?.dispose();
    });

    it('plays the loop the relay serves while the camera is offline', async (t) => {
      t.diagnostic(browser.version);
      const page = await openPage();
      const first = await nextFrame(page);
      const second = await nextFrame(page, first);
      assert.notEqual(first, second);
      assert.equal(await feedStatus(page), 'offline');
      await shoot(page, '01-offline-loop');
      await close(page);
    });

    it('advances live frames, crossfading only decoded ones, in the best format for the element', async () => {
      await cameraRunning();
      const page = await openPage();
      const best: VariantFormat = await bestFormat(page);
      // Record each frame as it is inserted: how many frames lie under it and whether it fades in.
      await page.evaluate(() => {
        const log: { below: number; fading: boolean; complete: boolean }[] = [];
        (window as unknown as { inserted: typeof log }).inserted = log;
        const layer = document.querySelector('.porthole-layer') as Element;
        new MutationObserver((records) => {
          for (const record of records)
            for (const node of record.addedNodes) {
              const frame = node as HTMLImageElement | HTMLCanvasElement;
              log.push({
                below: layer.children.length - 1,
                fading: frame
                  .getAnimations()
                  .some((a) => (a as CSSAnimation).animationName === 'porthole-in'),
                // A canvas holds a picture the decoder has finished; an image must have decoded.
                complete:
                  frame instanceof HTMLCanvasElement
                    ? frame.width > 0
                    : frame.complete && frame.naturalWidth > 0,
              });
            }
        }).observe(layer, { childList: true });
      });
      let frame = await nextFrame(page);
      await untilStatus(page, 'playing');
      for (let i = 0; i < 3; i++) frame = await nextFrame(page, frame);
      if (delivery === 'video') assert.match(frame, /^video:\d+$/, `${engine} decodes the video path`);
      else
        assert.match(
          frame,
          new RegExp(`/frames/[0-9a-f]+-640\\.${best}$`),
          `${engine} gets ${best} (the best format it decodes), wide enough for a 1000 px hero`,
        );
      const inserted = await page.evaluate(() => (window as unknown as { inserted: object[] }).inserted);
      assert.ok(inserted.length >= 3);
      assert.deepEqual(
        inserted,
        inserted.map(() => ({ below: 1, fading: true, complete: true })),
        'each frame is complete when inserted, fades in over exactly one frame',
      );
      await page.waitFor(
        () => document.querySelectorAll('.porthole-layer .porthole-frame').length === 2,
        undefined,
        {
          interval: 16,
          timeout: 12_000,
        },
      );
      await shoot(page, '02-crossfade');
      await nextFrame(page, await topFrame(page));
      await page
        .waitFor(() => document.querySelectorAll('.porthole-layer .porthole-frame').length === 1, undefined, {
          timeout: 5_000,
        })
        .catch(() => {});
      assert.equal(await countImages(page), 1, 'the frame below is removed');
      await shoot(page, '03-playing');
      const shownBefore = await shownSeq(page);
      const requests = await measure('visible', 12_000);
      assert.ok(requests > 0);
      if (delivery === 'video') {
        // One held request per new frame, and nothing else: no pointer polls, no images.
        const framesShown = (await shownSeq(page)) - shownBefore;
        const seen = figures.visible!;
        assert.equal(seen.pointer + seen.images, 0, `only video requests: ${JSON.stringify(seen)}`);
        const videoRequests = Math.round((seen.video * 12_000) / 60_000);
        assert.ok(
          framesShown >= 3 && videoRequests <= framesShown + 1,
          `${videoRequests} video requests for ${framesShown} new frames`,
        );
      } else
        assert.ok(
          figures.visible && figures.visible.pointer <= 60,
          `never faster than poll.min: ${figures.visible?.pointer}/min`,
        );
      await close(page);
    });

    it('decodes the camera into canvases that show what the stills show', {
      skip: delivery !== 'video',
    }, async () => {
      await cameraRunning();
      const page = await openPage();
      await untilStatus(page, 'playing');
      // Frames move on every 2 s: compare a canvas with the still of the same seq once they line up.
      let distance = Number.POSITIVE_INFINITY;
      await eventually(async () => {
        const frame = await nextFrame(page, await topFrame(page));
        const png = await page.evaluate(() =>
          (document.querySelector('.porthole-layer canvas:last-child') as HTMLCanvasElement).toDataURL(
            'image/png',
          ),
        );
        const onAir = await fetchFrameOnAir(relay.url);
        if (`video:${onAir.seq}` !== frame) return false;
        distance = await pixelDistance(Buffer.from(png.split(',')[1]!, 'base64'), widestJpeg(onAir).data);
        return true;
      }, 30_000);
      assert.ok(
        distance < SAME_FRAME,
        `the canvas is ${distance.toFixed(1)} from the still (limit ${SAME_FRAME})`,
      );
      await close(page);
    });

    it('falls back to the stills where WebCodecs cannot decode the stream', {
      skip: delivery !== 'video',
    }, async (t) => {
      if (!browser.supports.initScripts) {
        t.skip(`${engine}'s driver cannot run a script before the page's own`);
        return;
      }
      await cameraRunning();
      const page = await openPage({
        initScripts: [
          () => {
            if ('VideoDecoder' in window)
              VideoDecoder.isConfigSupported = async (config) => ({ supported: false, config });
          },
        ],
      });
      const start = Date.now();
      let frame = await nextFrame(page);
      for (let i = 0; i < 2; i++) frame = await nextFrame(page, frame);
      assert.match(frame, /\/frames\/[0-9a-f]+-640\.\w+$/, 'images, as without video');
      assert.equal(since(start, isVideo).length, 0, 'nothing asked of /video/');
      assert.ok(since(start, isPointer).length >= 2, 'the pointer is polled');
      await close(page);
    });

    it('pauses from a keyboard-operated toggle, fetches nothing, and stays paused after a reload', async () => {
      await cameraRunning();
      const page = await openPage();
      await nextFrame(page);
      await page.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'porthole-toggle');
      assert.equal(await attribute(page, '.porthole-toggle', 'aria-pressed'), 'false');
      await page.press('Enter');
      assert.equal(await attribute(page, '.porthole-toggle', 'aria-pressed'), 'true');
      assert.equal(await feedStatus(page), 'paused');
      await shoot(page, '04-paused-focus');
      await stopped(page);
      assert.equal(await measure('paused', 6000), 0, 'paused means zero requests');
      await page.reload();
      await untilStatus(page, 'paused');
      assert.equal(await attribute(page, '.porthole-toggle', 'aria-pressed'), 'true');
      const start = Date.now();
      await watch(4000);
      assert.equal(since(start).length, 0, 'still paused after the reload');
      assert.match(await topFrame(page), /^data:image\/jpeg/, 'the poster shows');
      await page.click('#footer-toggle'); // another island drives the same store
      await nextFrame(page);
      assert.equal(await attribute(page, '.porthole-toggle', 'aria-pressed'), 'false');
      assert.equal(await page.evaluate(() => localStorage.getItem('porthole:paused')), '0');
      await close(page);
    });

    it('gives reduced motion a still frame and a visible play control, then plays without crossfades', async (t) => {
      if (!browser.supports.reducedMotion) {
        t.skip(`${engine}'s driver cannot ask for prefers-reduced-motion`);
        return;
      }
      await cameraRunning();
      await withBrowser({ reducedMotion: true }, async (reduced) => {
        const page = await openPage({}, '', reduced);
        await untilStatus(page, 'still');
        const start = Date.now();
        await watch(4000);
        assert.equal(since(start).length, 0, 'no automatic updates');
        assert.match(await topFrame(page), /^data:image\/jpeg/);
        assert.equal(await attribute(page, '.porthole-toggle', 'aria-pressed'), 'true');
        assert.ok(
          await page.evaluate(() => {
            const toggle = document.querySelector('.porthole-toggle') as HTMLElement;
            const box = toggle.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && getComputedStyle(toggle).visibility !== 'hidden';
          }),
          'the play control is visible',
        );
        await shoot(page, '05-reduced-motion-still');
        await page.click('.porthole-toggle');
        let frame = await nextFrame(page);
        frame = await nextFrame(page, frame);
        assert.equal(await countImages(page), 1, 'frames swap without a fade');
        assert.equal(
          await page.evaluate(() =>
            document.querySelector('.porthole-layer .porthole-frame')?.classList.contains('porthole-in'),
          ),
          false,
        );
      });
    });

    it('treats Save-Data like reduced motion: the still poster until play', {
      skip: !bothPaths,
    }, async (t) => {
      if (!browser.supports.initScripts) {
        t.skip(`${engine}'s driver cannot run a script before the page's own to report Save-Data`);
        return;
      }
      // The island reads navigator.connection.saveData (only Chromium has it); the page is told.
      const page = await openPage({
        initScripts: [
          () => {
            Object.defineProperty(Navigator.prototype, 'connection', {
              configurable: true,
              get: () => ({ saveData: true }),
            });
          },
        ],
      });
      await untilStatus(page, 'still');
      const start = Date.now();
      await watch(2500);
      assert.equal(since(start).length, 0, 'Save-Data fetches nothing until asked');
      await page.click('.porthole-toggle');
      await nextFrame(page);
    });

    it('stops polling while the tab is hidden and resumes at once when it returns', async () => {
      await cameraRunning();
      const page = await openPage();
      await nextFrame(page);
      await setHidden(page, true);
      await stopped(page);
      assert.equal(await measure('hidden', 6000), 0, 'a hidden tab fetches nothing');
      const back = Date.now();
      await setHidden(page, false);
      await eventually(async () => since(back, isPoll).length >= 1, 800).catch(() => {});
      assert.ok(since(back, isPoll).length >= 1, 'polls again within 800 ms of returning');
      await close(page);
    });

    it('stops polling while the hero is scrolled away and resumes when it is back', async () => {
      await cameraRunning();
      const page = await openPage();
      await nextFrame(page);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      // The intersection observer reports after the next rendering update: let it run first.
      await page.evaluate(
        () =>
          new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done)))),
      );
      await stopped(page);
      assert.equal(await measure('off-screen', 5000), 0, 'an off-screen hero fetches nothing');
      const back = Date.now();
      await page.evaluate(() => window.scrollTo(0, 0));
      await eventually(async () => since(back, isPoll).length >= 1, 800).catch(() => {});
      assert.ok(since(back, isPoll).length >= 1);
      await close(page);
    });

    it('fades the layer out as the hero scrolls away', { skip: !bothPaths }, async () => {
      await cameraRunning();
      const page = await openPage();
      await nextFrame(page);
      const opacityAt = (fraction: number) => layerOpacityAfterScroll(page, fraction);
      assert.equal(await opacityAt(0), 1);
      const half = await opacityAt(0.5);
      assert.ok(half > 0.3 && half < 0.7, `half-way opacity ${half}`);
      await shoot(page, '06-scrolled-half');
      assert.ok((await opacityAt(0.95)) < 0.1);
      await close(page);
    });

    it('fades with a passive scroll handler where CSS scroll-driven animations are missing', {
      skip: !bothPaths,
    }, async (t) => {
      if (!browser.supports.initScripts) {
        t.skip(`${engine}'s driver cannot run a script before the page's own to hide scroll timelines`);
        return;
      }
      await cameraRunning();
      // Play a browser without view() timelines: the island asks CSS.supports, the stylesheet's
      // @supports block is neutralised.
      const page = await openPage({
        initScripts: [
          () => {
            const supports = CSS.supports.bind(CSS);
            CSS.supports = ((...args: [string, string?]) =>
              /animation-timeline/.test(args.join(':'))
                ? false
                : supports(...(args as [string]))) as typeof CSS.supports;
          },
        ],
      });
      await page.evaluate(() => {
        const style = document.createElement('style');
        style.textContent = '.porthole-layer { animation: none !important; }';
        document.head.append(style);
      });
      await nextFrame(page);
      const opacityAt = (fraction: number) => layerOpacityAfterScroll(page, fraction);
      assert.equal(await opacityAt(0), 1);
      const half = await opacityAt(0.5);
      assert.ok(half > 0.3 && half < 0.7, `half-way opacity ${half}`);
      assert.notEqual(
        await page.evaluate(() => (document.querySelector('.porthole-layer') as HTMLElement).style.opacity),
        '',
        'set by the island',
      );
      assert.ok((await opacityAt(0.95)) < 0.1);
    });

    it('picks the variant width from the element size and the device pixel ratio', {
      skip: !bothPaths,
    }, async (t) => {
      if (!browser.supports.deviceScaleFactor) {
        t.skip(`${engine}'s driver cannot set the device pixel ratio`);
        return;
      }
      await cameraRunning();
      for (const [deviceScaleFactor, width] of [
        [1, 320],
        [2, 640],
      ] as const) {
        await withBrowser({ deviceScaleFactor }, async (scaled) => {
          const page = await openPage({ viewport: { width: 300, height: 600 } }, '', scaled);
          const best = await bestFormat(page);
          assert.match(
            await nextFrame(page),
            new RegExp(`-${width}\\.${best}$`),
            `${deviceScaleFactor}x screen`,
          );
        });
      }
    });

    it('sends a wave, shows it was sent, stays disabled for the cooldown, and the camera hears it', {
      skip: !bothPaths,
    }, async () => {
      await cameraRunning();
      const page = await openPage();
      await nextFrame(page);
      const start = Date.now();
      await page.click('.porthole-wave');
      assert.equal(await attribute(page, '.porthole-wave', 'aria-disabled'), 'true');
      await page.click('.porthole-wave'); // ignored during the cooldown
      // The wave answered and nothing else on its way: a second POST would have been sent by now.
      await eventually(async () => since(start, (r) => r.path === '/wave' && r.done).length > 0);
      await eventually(async () => proxy.idleFor(200));
      await shoot(page, '07-wave-pressed');
      assert.equal(since(start, (r) => r.path === '/wave' && r.method === 'POST').length, 1);
      assert.equal(since(start, (r) => r.path === '/wave')[0]?.status, 202);
      await page.waitFor(
        () => document.querySelector('.porthole-note')?.textContent === 'Someone waved',
        undefined,
        { timeout: 8000 },
      );
      assert.ok(Number(await text(page, '#feed-waves')) >= 1, 'the stores carry the pointer’s waves');
      // The note fades in.
      await page.waitFor(() => getComputedStyle(document.querySelector('.porthole-note')!).opacity === '1');
      await shoot(page, '08-someone-waved');
      await page.waitFor(
        () => !document.querySelector('.porthole-wave')?.hasAttribute('aria-disabled'),
        undefined,
        { timeout: 5000 },
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
      await close(page);
    });

    it('leaves no timer, observer or listener behind across view-transition navigations', async () => {
      await cameraRunning();
      const page = await openPage();
      await nextFrame(page);
      await page.evaluate(() => {
        (window as unknown as { sameDocument: boolean }).sameDocument = true;
      });
      const onHome = await held(page);
      assert.ok(onHome.timers <= 1 && onHome.observing === 1 && onHome.listeners > 0, JSON.stringify(onHome));
      const released = { timers: 0, observing: 0, listeners: 0, fetching: 0 };
      for (let round = 0; round < 3; round++) {
        await page.click('#to-about');
        await page.waitFor(() => location.pathname.endsWith('/about/'));
        // Released at the swap; the assertion below says what is left if not.
        await eventually(async () => {
          const { timers, observing, listeners, fetching } = await held(page);
          return timers + observing + listeners + fetching === 0;
        }).catch(() => {});
        await eventually(async () => proxy.quietFor(200));
        const away = Date.now();
        await watch(2500);
        assert.deepEqual(await held(page), released, `round ${round}: all released`);
        assert.deepEqual(
          since(away).map((r) => `${r.method} ${r.path} +${r.at - away} ms`),
          [],
          `round ${round}: nothing fetched on a page without the hero`,
        );
        await page.click('#to-home');
        await page.waitFor(() => location.pathname === '/');
        await nextFrame(page);
        const back = await held(page);
        assert.ok(back.timers <= 1, JSON.stringify(back));
        assert.equal(back.observing, 1);
        assert.equal(back.listeners, onHome.listeners, 'the same listeners as the first visit, no more');
      }
      assert.equal(
        await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
        true,
      );
      await close(page);
    });

    it('keeps the last frame while the relay is down, backs off, then recovers', async () => {
      await cameraRunning();
      const page = await openPage();
      await nextFrame(page);
      await relay.close();
      const down = Date.now();
      // Polls are sequential: once the island has asked the closed relay, any frame it fetched before is
      // on screen. That frame (its fade finished) must stay.
      await eventually(async () => since(down, isPoll).length > 0);
      await page.waitFor(() => {
        const top = document.querySelector('.porthole-layer')?.lastElementChild as HTMLImageElement | null;
        const whole = top instanceof HTMLCanvasElement || !!top?.complete;
        return !!top && whole && top.getAnimations().every((a) => a.playState === 'finished');
      });
      const last = await topFrame(page);
      await watch(down + 10_000 - Date.now());
      assert.equal(await topFrame(page), last, 'the last frame stays');
      assert.ok(
        await page.evaluate(() => {
          const frame = document.querySelector('.porthole-layer .porthole-frame') as HTMLImageElement;
          return frame instanceof HTMLCanvasElement
            ? frame.width > 0
            : frame.complete && frame.naturalWidth > 0;
        }),
      );
      assert.equal(await feedStatus(page), 'offline');
      const attempts = islandAttempts(since(down, isPoll));
      const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] as number));
      assert.ok(
        attempts.length >= 2 && attempts.length <= 10,
        `${attempts.length} attempts in 10 s, at +${attempts.map((at) => at - down).join(', +')} ms`,
      );
      assert.ok(Math.max(...gaps) >= 2000, `the gaps grow: ${gaps.join(', ')} ms`);
      await shoot(page, '09-relay-down');
      relay = await startTestRelay(relayOptions(relayPort));
      await nextFrame(page, last, 15_000);
      await untilStatus(page, 'playing');
      await close(page);
    });

    it('says nothing in the console', () => {
      // Browsers themselves report failed network requests while the relay is down (Chromium: "Failed
      // to load resource", Firefox: "… CORS request did not succeed"); the island adds nothing.
      const ours = consoleNoise.filter(
        (text) => !/^Failed to load resource|\(Reason: CORS request did not succeed\)/.test(text),
      );
      assert.deepEqual(ours, []);
    });

    it('reports the request rates it measured', (t) => {
      for (const [name, f] of Object.entries(figures)) {
        t.diagnostic(
          `${name}: ${f.pointer} pointer + ${f.images} image + ${f.video} video requests/min, ${f.kB} kB/min`,
        );
      }
      assert.deepEqual(Object.keys(figures).sort(), ['hidden', 'off-screen', 'paused', 'visible']);
    });
  });
}
