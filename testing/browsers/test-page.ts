/**
 * One small page driver for every browser engine the island is tested in. Tests are written
 * against `TestPage` alone; what an engine cannot do is declared in `supports`, never guessed
 * from its name.
 */

/** The engines the island is tested in: Chromium (Blink), Firefox ESR (Gecko), WebKitGTK (WebKit). */
export type Engine = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: readonly Engine[] = ['chromium', 'firefox', 'webkit'];

/** Set when the browser starts; some engines can only take these at launch. */
export interface BrowserOptions {
  /** `prefers-reduced-motion: reduce` in every page. */
  reducedMotion?: boolean;
  /** `window.devicePixelRatio`: 1 (default) or 2. */
  deviceScaleFactor?: 1 | 2;
}

export interface PageOptions {
  /** CSS pixels; 1000×700 unless given. */
  viewport?: Viewport;
  /**
   * Run in every document of the page before the document's own scripts: a script's source, or a
   * function without arguments (sent as its source, so it must not close over anything).
   */
  initScripts?: (string | (() => void))[];
}

export interface Viewport {
  width: number;
  height: number;
}

/** What the engine (through its driver) can do; tests skip a case, saying why, where it is false. */
export interface Supports {
  reducedMotion: boolean;
  deviceScaleFactor: boolean;
  initScripts: boolean;
}

/** A function run in the page with one JSON-serialisable argument, or an expression's source. */
export type PageFunction<A, R> = ((arg: A) => R | Promise<R>) | string;

export interface WaitOptions {
  /** ms before the wait fails; 30 000 unless given. */
  timeout?: number;
  /** ms between checks; 50 unless given. */
  interval?: number;
}

/** A console warning or error, or an uncaught exception, that the page reported. */
export interface ConsoleEntry {
  type: 'error' | 'warning' | 'uncaught';
  text: string;
}

export interface TestPage {
  readonly engine: Engine;
  readonly supports: Supports;
  /** Console warnings, errors and uncaught exceptions so far (complete once the page is closed). */
  readonly console: ConsoleEntry[];
  /** Loads `url` and waits for its load event. */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs `fn(arg)` in the page and returns its (awaited, JSON-serialisable) result. */
  evaluate<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R>;
  /** Checks `fn(arg)` in the page until it is truthy; fails after `timeout`. */
  waitFor<A = undefined>(fn: PageFunction<A, unknown>, arg?: A, options?: WaitOptions): Promise<void>;
  /**
   * A real pointer click in the middle of the first element matching `selector`, once a click
   * there would reach it (`clickable`); aria-disabled or not, it is clicked.
   */
  click(selector: string): Promise<void>;
  /** A real key press on whatever has focus. */
  press(key: 'Tab' | 'Enter'): Promise<void>;
  setViewport(viewport: Viewport): Promise<void>;
  /** The viewport as a PNG file. */
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface TestBrowser {
  readonly engine: Engine;
  /** The browser's product and version, as it reports them. */
  readonly version: string;
  readonly supports: Supports;
  /** A page in a fresh profile of its own: no cookies or storage shared with other pages. */
  newPage(options?: PageOptions): Promise<TestPage>;
  /** Closes every page and ends every process the browser started. */
  close(): Promise<void>;
}

export const DEFAULT_VIEWPORT: Viewport = { width: 1000, height: 700 };

/** The source of a page function, as a script that evaluates to the function (or the expression). */
export const functionSource = (fn: PageFunction<never, unknown>): string =>
  typeof fn === 'string' ? `() => (${fn})` : fn.toString();

/**
 * An expression for the page: true once a click at the centre of `selector` would reach it (or
 * it is out of view, where the driver scrolls to it first); not while a view transition or an
 * overlay covers it.
 */
export const clickable = (selector: string): string => `((selector) => {
  const element = document.querySelector(selector);
  if (!element) return false;
  const box = element.getBoundingClientRect();
  const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
  if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return true;
  const hit = document.elementFromPoint(x, y);
  return !!hit && element.contains(hit);
})(${JSON.stringify(selector)})`;

/** An init script as source text. */
export const initScriptSource = (script: string | (() => void)): string =>
  typeof script === 'string' ? script : `(${script.toString()})();`;

/**
 * `waitFor` for drivers without one of their own: polls `check` (one evaluate per call) until it is
 * truthy, and fails with the condition's source after `timeout`.
 */
export async function pollUntil(
  check: () => Promise<unknown>,
  source: string,
  { timeout = 30_000, interval = 50 }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`waited ${timeout} ms for ${source.slice(0, 200)}`);
    await new Promise((done) => setTimeout(done, interval));
  }
}
