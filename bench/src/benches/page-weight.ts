/**
 * Bench 6, page weight: the island's shipped JavaScript; the bytes a visitor's Chromium transfers in the
 * first 10 s and per minute after (Network.loadingFinished's encodedDataLength: headers and encoded body),
 * for the demo page with the feed, without it, and with the original design's front end instead (the camera
 * JPEG reloaded every 2 s), side by side while a camera uploads the photographic sequence every 2 s; then
 * Lighthouse (performance, CLS, LCP) with and without the feed, if it runs here.
 */
import { TOKEN } from '@porthole/testing';
import { type BrowserLab, PAGES, showCameraFrame } from '../browser-lab.ts';
import type { LighthouseScore, PageTransfer, PageWeightResult } from '../results.ts';
import { uploadFrame } from '../upload.ts';

const FIRST_SECONDS = 10;

export async function benchPageWeight(
  lab: BrowserLab,
  afterSeconds: number,
  sequence: Buffer[],
  log: (line: string) => void,
): Promise<PageWeightResult> {
  const pages = [
    { label: 'with feed', path: PAGES.hint },
    { label: 'without feed', path: PAGES.bare },
    { label: 'naive: camera JPEG every 2 s (original front end)', path: PAGES.naive },
  ];
  const sessions = await Promise.all(
    pages.map(async ({ label, path }) => {
      const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const transfers: { at: number; bytes: number }[] = [];
      cdp.on('Network.loadingFinished', (event) =>
        transfers.push({ at: Date.now(), bytes: event.encodedDataLength }),
      );
      await cdp.send('Network.enable');
      return { label, path, page, context, transfers };
    }),
  );
  let uploads = 0;
  let stopped = false;
  const camera = (async () => {
    while (!stopped) {
      const at = Date.now();
      const jpeg = sequence[uploads++ % sequence.length]!;
      await uploadFrame(lab.relay.url, TOKEN, jpeg);
      showCameraFrame(lab.site, jpeg);
      await new Promise((r) => setTimeout(r, Math.max(0, at + 2_000 - Date.now())));
    }
  })();
  const start = Date.now();
  await Promise.all(sessions.map((s) => s.page.goto(new URL(s.path, lab.site.url).href)));
  await new Promise((r) => setTimeout(r, (FIRST_SECONDS + afterSeconds) * 1000 - (Date.now() - start)));
  stopped = true;
  await camera;
  const transfers: PageTransfer[] = sessions.map((s) => {
    const first = s.transfers
      .filter((t) => t.at - start < FIRST_SECONDS * 1000)
      .reduce((a, t) => a + t.bytes, 0);
    const after = s.transfers
      .filter((t) => t.at - start >= FIRST_SECONDS * 1000)
      .reduce((a, t) => a + t.bytes, 0);
    return { page: s.label, first10sBytes: first, perMinuteAfterBytes: (after / afterSeconds) * 60 };
  });
  for (const s of sessions) await s.context.close();
  log(
    `   transfers: ${transfers.map((t) => `${t.page.split(':')[0]} ${Math.round(t.first10sBytes / 1000)} kB + ${Math.round(t.perMinuteAfterBytes / 1000)} kB/min`).join('; ')}`,
  );

  const lighthouse: LighthouseScore[] = [];
  let lighthouseSkipped: string | null = null;
  try {
    for (const { label, path } of pages.slice(0, 2)) lighthouse.push(await runLighthouse(lab, label, path));
  } catch (error) {
    lighthouseSkipped = `Lighthouse did not run: ${(error as Error).message.split('\n')[0]}`;
  }
  return {
    islandJsMinBytes: lab.islandJs.minBytes,
    islandJsMinGzipBytes: lab.islandJs.gzipBytes,
    transfers,
    lighthouse,
    lighthouseSkipped,
    skipped: null,
  };
}

/** Lighthouse's default mobile run (simulated throttling), performance only, on the lab's Chromium. */
async function runLighthouse(lab: BrowserLab, label: string, path: string): Promise<LighthouseScore> {
  const { default: lighthouse } = await import('lighthouse');
  const result = await lighthouse(new URL(path, lab.site.url).href, {
    port: lab.debuggingPort,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance'],
  });
  const lhr = result?.lhr;
  if (!lhr) throw new Error('no report');
  if (lhr.runtimeError) throw new Error(lhr.runtimeError.message);
  return {
    page: label,
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
  };
}
