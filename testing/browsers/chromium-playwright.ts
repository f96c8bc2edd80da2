/** Chromium: Debian's build, driven by playwright-core (see ../chromium.ts); one context per page. */
import type { Page } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
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

export async function openChromium(options: BrowserOptions = {}): Promise<TestBrowser> {
  const browser = await launchChromium();
  return {
    engine: 'chromium',
    version: `Chromium ${browser.version()}`,
    supports: SUPPORTS,
    async newPage({ viewport = DEFAULT_VIEWPORT, initScripts = [] } = {}) {
      const context = await browser.newContext({
        viewport,
        deviceScaleFactor: options.deviceScaleFactor ?? 1,
        reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
      });
      for (const script of initScripts) await context.addInitScript({ content: initScriptSource(script) });
      const page = await context.newPage();
      return wrap(page, async () => {
        await context.close();
      });
    },
    close: () => browser.close(),
  };
}

function wrap(page: Page, close: () => Promise<void>): TestPage {
  const reported: ConsoleEntry[] = [];
  page.on('console', (message) => {
    const type = message.type();
    if (type === 'error' || type === 'warning') reported.push({ type, text: message.text() });
  });
  page.on('pageerror', (error) => reported.push({ type: 'uncaught', text: error.message }));
  return {
    engine: 'chromium',
    supports: SUPPORTS,
    console: reported,
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    // playwright takes a function or an expression's source, as TestPage does.
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    async waitFor(fn, arg, { timeout = 30_000, interval = 50 } = {}) {
      await page.waitForFunction(fn as (arg: unknown) => unknown, arg, { timeout, polling: interval });
    },
    async click(selector) {
      await page.waitForFunction(clickable(selector), undefined, { timeout: 10_000, polling: 50 });
      // Forced: playwright would not click an aria-disabled button; the other engines do.
      await page.click(selector, { force: true });
    },
    press: (key) => page.keyboard.press(key),
    setViewport: (viewport) => page.setViewportSize(viewport),
    async screenshot(path) {
      await page.screenshot({ path });
    },
    close,
  };
}
