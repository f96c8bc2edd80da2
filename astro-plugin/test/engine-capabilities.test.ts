import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ENGINES, openBrowser, serveStatic, skipUnlessInstalled } from '@porthole/testing';
import { decodes, sampleImages } from './browser/image-formats.ts';

// What each engine offers that the island's next step (live frames as WebCodecs video chunks)
// depends on. Printed as a table per engine; only what every engine must have is asserted.
// WebKitGTK decodes WebCodecs video through GStreamer: with only the plugins it depends on, it
// supports none of the codecs below; gstreamer1.0-libav and gstreamer1.0-plugins-bad (which it
// recommends) bring all three. Safari uses the platform's decoders instead.

/** Codec strings for 640×480 video, as a camera's encoder would send them. */
const CODECS = { AV1: 'av01.0.04M.08', VP9: 'vp09.00.10.08', 'H.264': 'avc1.42E01E' };

let dir: string;
let site: Awaited<ReturnType<typeof serveStatic>>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-engine-probe-'));
  site = await serveStatic(dir);
  // A page on loopback is a secure context, which WebCodecs needs (a data: URL page is not one).
  site.files.set('/index.html', { body: '<!doctype html><title>probe</title>' });
});

after(async () => {
  await site?.close();
  await rm(dir, { recursive: true, force: true });
});

for (const engine of ENGINES)
  describe(`what ${engine} offers`, { skip: skipUnlessInstalled(engine) }, () => {
    it('decodes JPEG, and reports WebCodecs, AVIF, WebP, scroll timelines, MSE and HLS', async (t) => {
      const browser = await openBrowser(engine);
      try {
        const page = await browser.newPage();
        await page.goto(site.url);
        const images = await sampleImages();
        const features = await page.evaluate(async (codecs) => {
          const video = document.createElement('video');
          const decoder = 'VideoDecoder' in window;
          const supported: Record<string, boolean | string> = {};
          for (const [name, codec] of Object.entries(codecs))
            supported[name] = decoder
              ? await VideoDecoder.isConfigSupported({ codec, codedWidth: 640, codedHeight: 480 }).then(
                  (answer) => answer.supported === true,
                  (error: Error) => `rejected: ${error.message}`,
                )
              : false;
          // Pairs, not an object: WebDriver does not keep an object's key order.
          return [
            ['secureContext', isSecureContext],
            ['VideoDecoder', decoder],
            ...Object.entries(supported).map(([name, ok]) => [`VideoDecoder ${name}`, ok]),
            ['animation-timeline: scroll()', CSS.supports('animation-timeline: scroll()')],
            ['animation-timeline: view()', CSS.supports('animation-timeline: view()')],
            ['MediaSource', 'MediaSource' in window],
            ['native HLS', video.canPlayType('application/vnd.apple.mpegurl') || 'no'],
          ] as [string, boolean | string][];
        }, CODECS);
        const table = new Map<string, boolean | string>([
          ...features,
          ['decodes AVIF', await decodes(page, images.avif)],
          ['decodes WebP', await decodes(page, images.webp)],
          ['decodes JPEG', await decodes(page, images.jpeg)],
        ]);
        t.diagnostic(browser.version);
        for (const [feature, value] of table) t.diagnostic(`  ${feature.padEnd(30)} ${value}`);
        assert.equal(table.get('decodes JPEG'), true, 'every engine shows the JPEG variant');
        assert.equal(table.get('secureContext'), true, 'the probe ran where WebCodecs may exist');
        await page.close();
      } finally {
        await browser.close();
      }
    });
  });
