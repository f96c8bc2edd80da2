/**
 * A `TestPage` over one classic WebDriver session (one browser window with a profile of its own).
 * Classic WebDriver has no init scripts and no console access, so every HTML document comes
 * through a proxy that puts the init scripts, and a console capture, at its top.
 */
import { writeFile } from 'node:fs/promises';
import { startScriptInjectingProxy } from './script-injecting-proxy.ts';
import {
  type ConsoleEntry,
  clickable,
  DEFAULT_VIEWPORT,
  type Engine,
  functionSource,
  initScriptSource,
  type PageOptions,
  pollUntil,
  type Supports,
  type TestPage,
  type Viewport,
} from './test-page.ts';
import { newSession, WEBDRIVER_KEYS, type WebDriverSession } from './webdriver-classic.ts';

/** Page-side console capture: classic WebDriver cannot read the console, so the page keeps it. */
const CAPTURE_CONSOLE = `(() => {
  const seen = (window.__testConsole = []);
  for (const [method, type] of [['error', 'error'], ['warn', 'warning']]) {
    const real = console[method].bind(console);
    console[method] = (...args) => { seen.push({ type, text: args.map(String).join(' ') }); real(...args); };
  }
  addEventListener('error', (e) => seen.push({ type: 'uncaught', text: String(e.message) }));
  addEventListener('unhandledrejection', (e) => seen.push({ type: 'uncaught', text: String(e.reason) }));
})();`;

/** Runs a page function with its argument and reports its value or its error (execute/async). */
const RUN_FUNCTION = `const [source, arg, done] = arguments;
Promise.resolve().then(() => (0, eval)('(' + source + ')')(arg)).then(
  (value) => done({ value: value === undefined ? null : value }),
  (error) => done({ error: String((error && error.stack) || error) }));`;

export interface WebDriverPageSetup {
  engine: Engine;
  supports: Supports;
  /** The driver's base URL. */
  driver: string;
  /** Capabilities for the new session (the proxy is added). */
  capabilities: Record<string, unknown>;
  /** Called once the page is closed. */
  closed(): void;
}

export async function openWebDriverPage(setup: WebDriverPageSetup, options: PageOptions): Promise<TestPage> {
  const scripts = [CAPTURE_CONSOLE, ...(options.initScripts ?? []).map(initScriptSource)];
  const proxy = await startScriptInjectingProxy(scripts);
  let session: WebDriverSession;
  try {
    session = await newSession(setup.driver, {
      ...setup.capabilities,
      proxy: { proxyType: 'manual', httpProxy: proxy.address },
    });
  } catch (error) {
    await proxy.close();
    throw error;
  }
  const reported: ConsoleEntry[] = [];
  const evaluate = async <R, A>(fn: string | ((arg: A) => unknown), arg?: A): Promise<R> => {
    const source = functionSource(fn as (arg: never) => unknown);
    const result = await session.command<{ value?: R; error?: string }>('POST', '/execute/async', {
      script: RUN_FUNCTION,
      args: [source, arg ?? null],
    });
    if (result.error !== undefined) throw new Error(`in the page: ${result.error}`);
    return result.value as R;
  };
  /** Collects what the page's console capture has kept, before the document goes. */
  const drainConsole = async () => {
    const kept = await evaluate<ConsoleEntry[], undefined>(
      '(() => { const kept = window.__testConsole ?? []; window.__testConsole = []; return kept; })()',
    ).catch(() => []);
    reported.push(...kept);
  };
  const painted = () =>
    evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  const setViewport = async ({ width, height }: Viewport) => {
    // The window rect includes MiniBrowser's own frame: correct by what the page measures.
    for (let attempt = 0; attempt < 3; attempt++) {
      const [innerWidth, innerHeight] = await evaluate<number[], undefined>('[innerWidth, innerHeight]');
      if (innerWidth === width && innerHeight === height) break;
      const rect = await session.command<Viewport>('GET', '/window/rect');
      await session.command('POST', '/window/rect', {
        width: rect.width + width - (innerWidth as number),
        height: rect.height + height - (innerHeight as number),
      });
    }
    await painted();
  };
  const findElement = async (selector: string) => {
    const found = await session.command<Record<string, string>>('POST', '/element', {
      using: 'css selector',
      value: selector,
    });
    return Object.values(found)[0] as string;
  };
  let open = true;
  await setViewport(options.viewport ?? DEFAULT_VIEWPORT);
  return {
    engine: setup.engine,
    supports: setup.supports,
    console: reported,
    async goto(url) {
      await drainConsole();
      await session.command('POST', '/url', { url });
    },
    async reload() {
      await drainConsole();
      await session.command('POST', '/refresh');
    },
    evaluate,
    waitFor: (fn, arg, waitOptions) =>
      pollUntil(() => evaluate(fn as string, arg), functionSource(fn as string), waitOptions),
    async click(selector) {
      await pollUntil(() => evaluate(clickable(selector)), clickable(selector), { timeout: 10_000 });
      await session.command('POST', `/element/${await findElement(selector)}/click`);
    },
    async press(key) {
      const value = WEBDRIVER_KEYS[key];
      await session.command('POST', '/actions', {
        actions: [
          {
            type: 'key',
            id: 'keyboard',
            actions: [
              { type: 'keyDown', value },
              { type: 'keyUp', value },
            ],
          },
        ],
      });
      await session.command('DELETE', '/actions');
    },
    setViewport,
    async screenshot(path) {
      await painted();
      await writeFile(path, Buffer.from(await session.command<string>('GET', '/screenshot'), 'base64'));
    },
    async close() {
      if (!open) return;
      open = false;
      await drainConsole();
      await session.delete().catch(() => {});
      await proxy.close();
      setup.closed();
    },
  };
}
