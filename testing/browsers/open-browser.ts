/** Starts the named engine's browser behind the engine-neutral `TestBrowser`. */
import { openChromium } from './chromium-playwright.ts';
import { openFirefox } from './firefox-bidi.ts';
import { engineMissing } from './installed-engines.ts';
import type { BrowserOptions, Engine, TestBrowser } from './test-page.ts';
import { openWebKit } from './webkit-webdriver.ts';

const OPEN: Record<Engine, (options: BrowserOptions) => Promise<TestBrowser>> = {
  chromium: openChromium,
  firefox: openFirefox,
  webkit: openWebKit,
};

/** A browser of `engine`; rejects with what to install when the engine is not on this machine. */
export async function openBrowser(engine: Engine, options: BrowserOptions = {}): Promise<TestBrowser> {
  const missing = engineMissing(engine);
  if (missing) throw new Error(missing);
  return OPEN[engine](options);
}
