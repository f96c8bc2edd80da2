/**
 * Firefox: Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core; one user context
 * (a fresh profile's worth of storage) per page. Reduced motion is a preference, so it is set at
 * launch.
 */
import type { Page } from 'puppeteer-core';
import { FIREFOX_PATH } from './installed-engines.ts';
import {
  type BrowserOptions,
  type ConsoleEntry,
  clickable,
  DEFAULT_VIEWPORT,
  initScriptSource,
  type Supports,
  type TestBrowser,
  type TestPage,
} from './test-page.ts';

const SUPPORTS: Supports = { reducedMotion: true, deviceScaleFactor: true, initScripts: true };

/** Quiet on a machine with no network beyond loopback, like Chromium's flags in ../chromium.ts. */
const QUIET_PREFS = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.http.speculative-parallel-limit': 0,
};

export async function openFirefox(options: BrowserOptions = {}): Promise<TestBrowser> {
  // Loaded on first use: most importers of @porthole/testing never start a browser.
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: {
      ...QUIET_PREFS,
      ...(options.reducedMotion ? { 'ui.prefersReducedMotion': 1 } : {}),
    },
  });
  const deviceScaleFactor = options.deviceScaleFactor ?? 1;
  return {
    engine: 'firefox',
    version: await browser.version(),
    supports: SUPPORTS,
    async newPage({ viewport = DEFAULT_VIEWPORT, initScripts = [] } = {}) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      for (const script of initScripts) await page.evaluateOnNewDocument(initScriptSource(script));
      // BiDi's setViewport carries the pixel ratio too.
      await page.setViewport({ ...viewport, deviceScaleFactor });
      return wrap(page, deviceScaleFactor, () => context.close());
    },
    close: () => browser.close(),
  };
}

function wrap(page: Page, deviceScaleFactor: number, close: () => Promise<void>): TestPage {
  const reported: ConsoleEntry[] = [];
  page.on('console', (message) => {
    const type = message.type();
    if (type === 'error') reported.push({ type, text: message.text() });
    if (type === 'warn') reported.push({ type: 'warning', text: message.text() });
  });
  page.on('pageerror', (error) => reported.push({ type: 'uncaught', text: (error as Error).message }));
  return {
    engine: 'firefox',
    supports: SUPPORTS,
    console: reported,
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    // puppeteer takes a function or an expression's source, as TestPage does.
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    async waitFor(fn, arg, { timeout = 30_000, interval = 50 } = {}) {
      await page.waitForFunction(fn as (arg: unknown) => unknown, { timeout, polling: interval }, arg);
    },
    async click(selector) {
      await page.waitForFunction(clickable(selector), { timeout: 10_000, polling: 50 });
      await page.click(selector);
    },
    press: (key) => page.keyboard.press(key),
    setViewport: (viewport) => page.setViewport({ ...viewport, deviceScaleFactor }),
    async screenshot(path) {
      await page.screenshot({ path: path as `${string}.png` });
    },
    close,
  };
}
