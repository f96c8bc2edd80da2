/** Where each engine's browser is on a Debian machine, and what to install when it is not there. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH } from '../chromium.ts';
import type { Engine } from './test-page.ts';
import { XVFB_PATH } from './xvfb.ts';

export const FIREFOX_PATH = process.env.PORTHOLE_FIREFOX ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = process.env.PORTHOLE_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';

/** webkit2gtk-driver's MiniBrowser lives in WebKitGTK's versioned, multiarch library folder. */
function findMiniBrowser(): string {
  const libs = ['/usr/lib', ...safeList('/usr/lib').map((name) => join('/usr/lib', name))];
  for (const lib of libs)
    for (const name of safeList(lib)
      .filter((entry) => /^webkit(2)?gtk-/.test(entry))
      .sort()
      .reverse()) {
      const binary = join(lib, name, 'MiniBrowser');
      if (existsSync(binary)) return binary;
    }
  return '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
}
const safeList = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

export const MINIBROWSER_PATH = process.env.PORTHOLE_MINIBROWSER ?? findMiniBrowser();

/** The files each engine needs, and the Debian packages that bring them. */
const NEEDS: Record<Engine, { files: string[]; packages: string }> = {
  chromium: { files: [CHROMIUM_PATH], packages: 'chromium' },
  firefox: { files: [FIREFOX_PATH], packages: 'firefox-esr' },
  webkit: { files: [WEBKIT_DRIVER_PATH, MINIBROWSER_PATH, XVFB_PATH], packages: 'webkit2gtk-driver xvfb' },
};

/** Why `engine` cannot run here, with the command that fixes it; undefined when it can. */
export function engineMissing(engine: Engine): string | undefined {
  const { files, packages } = NEEDS[engine];
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length === 0) return undefined;
  return `${engine} is not installed (no ${missing.join(', ')}): apt-get install -y --no-install-recommends ${packages}`;
}

/**
 * A reason to skip `engine`'s tests on a developer's machine that lacks it; false in CI (CI set),
 * where the tests run and fail with `engineMissing`'s message instead.
 */
export function skipUnlessInstalled(engine: Engine): string | false {
  const missing = engineMissing(engine);
  return missing && !process.env.CI ? missing : false;
}
