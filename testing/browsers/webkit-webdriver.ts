/**
 * WebKit: Debian's WebKitGTK MiniBrowser, driven over classic WebDriver by WebKitWebDriver, on an
 * Xvfb display of its own (MiniBrowser has no headless mode). Each page is a WebDriver session of
 * its own: a fresh MiniBrowser with ephemeral storage.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../free-port.ts';
import { MINIBROWSER_PATH, WEBKIT_DRIVER_PATH } from './installed-engines.ts';
import type { BrowserOptions, Supports, TestBrowser, TestPage } from './test-page.ts';
import { spawnTied } from './tied-process.ts';
import { driverReady } from './webdriver-classic.ts';
import { openWebDriverPage } from './webdriver-page.ts';
import { startXvfb } from './xvfb.ts';

const SUPPORTS: Supports = { reducedMotion: true, deviceScaleFactor: true, initScripts: true };

/**
 * MiniBrowser's toolbar (its entry and buttons) holds the window at least 447 px wide; shrunk, it
 * lets a phone-sized viewport through. GTK styles only its own widgets, never the web content.
 */
const SMALL_TOOLBAR_CSS =
  'entry, button { min-width: 0; min-height: 0; padding: 0; margin: 0; font-size: 1px; border-width: 0; }\n';

/** WebKitGTK takes prefers-reduced-motion from GTK's animation setting (GTK 3 and, for 6.0, GTK 4). */
async function writeGtkConfig(config: string, reducedMotion: boolean) {
  for (const gtk of ['gtk-3.0', 'gtk-4.0']) {
    await mkdir(join(config, gtk));
    await writeFile(
      join(config, gtk, 'settings.ini'),
      `[Settings]\ngtk-enable-animations=${!reducedMotion}\n`,
    );
    await writeFile(join(config, gtk, 'gtk.css'), SMALL_TOOLBAR_CSS);
  }
}

export async function openWebKit(options: BrowserOptions = {}): Promise<TestBrowser> {
  const screen = await startXvfb();
  const config = await mkdtemp(join(tmpdir(), 'porthole-webkit-'));
  await writeGtkConfig(config, options.reducedMotion ?? false);
  const env = {
    ...process.env,
    DISPLAY: screen.display,
    XDG_CONFIG_HOME: config,
    // The pixel ratio comes from GDK.
    GDK_SCALE: String(options.deviceScaleFactor ?? 1),
    NO_AT_BRIDGE: '1',
  };
  const port = await freePort();
  const driver = spawnTied(WEBKIT_DRIVER_PATH, [`--port=${port}`], { env });
  const base = `http://127.0.0.1:${port}`;
  const pages = new Set<TestPage>();
  const shutdown = async () => {
    await Promise.all([...pages].map((page) => page.close().catch(() => {})));
    await driver.kill();
    await screen.close();
    await rm(config, { recursive: true, force: true });
  };
  try {
    await driverReady(base);
    const { stdout } = await promisify(execFile)(MINIBROWSER_PATH, ['--version'], { env });
    return {
      engine: 'webkit',
      version: `MiniBrowser, ${stdout.trim()}`,
      supports: SUPPORTS,
      async newPage(pageOptions = {}) {
        const page = await openWebDriverPage(
          {
            engine: 'webkit',
            supports: SUPPORTS,
            driver: base,
            capabilities: {
              'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] },
            },
            closed: () => pages.delete(page),
          },
          pageOptions,
        );
        pages.add(page);
        return page;
      },
      close: shutdown,
    };
  } catch (error) {
    await shutdown();
    throw error;
  }
}
