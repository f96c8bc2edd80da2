/**
 * Bench 5, glass-to-glass: from the camera sending an upload (on loopback the last byte arrives within a
 * millisecond) to the new frame painted by the island in headless Chromium. Three pages watch the same
 * uploads side by side: the island as shipped on the video path (WebCodecs, a held request per frame), the
 * island on the stills (WebCodecs hidden from it, so it polls when the relay's `next` hint says), and the
 * stills with poll bounds pinned to 2 s (fixed-interval polling, the baseline).
 */

import { TOKEN } from '@porthole/testing';
import type { Page } from 'playwright-core';
import { type BrowserLab, FIXED_POLL_MS, PAGES, showCameraFrame } from '../browser-lab.ts';
import type { LatencyResult, LatencyStrategy } from '../results.ts';
import { percentile } from '../stats.ts';
import { uploadFrame } from '../upload.ts';

// In the page: when a frame (an image, or a canvas from the video path) joins the layer, note the time
// after the browser has painted it, and which frame it was (the variant's name, or the canvas's seq).
const WATCH_PAINTS = `(() => {
  window.__painted = [];
  new MutationObserver((records) => {
    for (const r of records) for (const node of r.addedNodes) {
      if (node.classList?.contains('porthole-frame') && node.closest('porthole-feed')) {
        const frame = node instanceof HTMLCanvasElement ? 'seq:' + node.dataset.seq : node.src.slice(node.src.lastIndexOf('/') + 1);
        requestAnimationFrame(() => requestAnimationFrame(() => {
          window.__painted.push({ frame, at: performance.timeOrigin + performance.now() });
        }));
      }
    }
  }).observe(document, { childList: true, subtree: true });
})();`;
// Without WebCodecs, as in a browser that has none: the island stays on the stills.
const STILLS_ONLY = 'delete window.VideoDecoder;';

interface Watched {
  name: string;
  page: Page;
  pointerRequests: number;
}

export async function benchLatency(
  lab: BrowserLab,
  samples: number,
  moving: Buffer[],
): Promise<LatencyResult> {
  const watched: Watched[] = [];
  for (const [name, path, stillsOnly] of [
    ['video path (island defaults, WebCodecs): held video requests', PAGES.hint, false],
    ['stills, next-frame hint (island defaults without WebCodecs)', PAGES.hint, true],
    [`stills, fixed interval, every ${FIXED_POLL_MS / 1000} s (poll.min = poll.max)`, PAGES.fixed, true],
  ] as const) {
    const page = await lab.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(WATCH_PAINTS);
    if (stillsOnly) await page.addInitScript(STILLS_ONLY);
    const entry = { name, page, pointerRequests: 0 };
    page.on('request', (req) => {
      if (req.url().endsWith('/frame') || req.url().includes('/video/')) entry.pointerRequests++;
    });
    await page.goto(new URL(path, lab.site.url).href);
    watched.push(entry);
  }
  // Let both pages settle into their polling rhythm on the live frame.
  await new Promise((r) => setTimeout(r, 3_000));
  for (const w of watched) w.pointerRequests = 0;
  const sentAt = new Map<string, number>();
  const started = Date.now();
  for (let i = 0; i < samples; i++) {
    const at = Date.now();
    await uploadFrame(lab.relay.url, TOKEN, moving[i % moving.length]!);
    showCameraFrame(lab.site, moving[i % moving.length]!);
    await lab.relay.idle();
    await lab.relay.feed.settled();
    const pointer = lab.relay.feed.current()?.pointer;
    for (const v of pointer?.variants ?? []) sentAt.set(v.name, at);
    if (pointer) sentAt.set(`seq:${pointer.seq}`, at);
    await new Promise((r) => setTimeout(r, Math.max(0, at + 2_000 - Date.now())));
  }
  // The last frame may still be on its way to a page polling every 2 s.
  await new Promise((r) => setTimeout(r, 3_000));
  const minutes = (Date.now() - started) / 60_000;
  const strategies: LatencyStrategy[] = [];
  for (const w of watched) {
    const painted = (await w.page.evaluate('window.__painted')) as { frame: string; at: number }[];
    const delays = painted
      .map((p) => {
        const t = sentAt.get(p.frame);
        return t === undefined ? undefined : p.at - t;
      })
      .filter((d): d is number => d !== undefined);
    strategies.push({
      name: w.name,
      samples: delays.length,
      p50Ms: percentile(delays, 50),
      p95Ms: percentile(delays, 95),
      pointerRequestsPerMinute: w.pointerRequests / minutes,
    });
    await w.page.close();
  }
  return { page: "the demo site's real <Porthole /> island, built by Astro", strategies, skipped: null };
}
