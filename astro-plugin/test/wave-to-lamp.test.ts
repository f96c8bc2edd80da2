import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  buildFirmwareUploader,
  type CountingProxy,
  ENGINES,
  eventually,
  openBrowser,
  runFirmwareUploader,
  serveStatic,
  skipUnlessInstalled,
  startCountingProxy,
  startTestRelay,
  type TestBrowser,
  type TestRelay,
  TOKEN,
} from '@porthole/testing';
import { testFrame, uploadFrame } from './browser/camera.ts';
import { buildFixture } from './build-fixture.ts';

// Issue 8 end to end: a visitor presses Wave in each engine's browser, the relay counts it, and the
// next upload by the firmware's own uploader (the host build of the ESP32 code) hears it and blinks.

const loopDir = fileURLToPath(new URL('../../loop/', import.meta.url));

let tmp: string;
let relay: TestRelay;
let proxy: CountingProxy;
let site: Awaited<ReturnType<typeof serveStatic>>;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'porthole-wave-'));
  await buildFirmwareUploader();
  // The proxy counts what the page sends; each engine gets a relay of its own behind it.
  proxy = await startCountingProxy(() => relay.url);
  await buildFixture('static', { outDir: join(tmp, 'site'), env: { PORTHOLE_RELAY_URL: proxy.url } });
  site = await serveStatic(join(tmp, 'site'));
});

after(async () => {
  await site?.close();
  await proxy?.close();
  await rm(tmp, { recursive: true, force: true });
});

for (const engine of ENGINES)
  describe(`a wave from ${engine} blinks the desk lamp`, {
    timeout: 240_000,
    skip: skipUnlessInstalled(engine),
  }, () => {
    let browser: TestBrowser;

    before(async () => {
      relay = await startTestRelay({ dataDir: join(tmp, `relay-${engine}`), loopDir });
      await uploadFrame(relay.url, TOKEN, await testFrame(1));
      await relay.idle();
      browser = await openBrowser(engine);
    });

    after(async () => {
      await browser?.close();
      await relay?.dispose();
    });

    it('press Wave → the relay counts it → the firmware uploader’s next upload reports blink 1', async () => {
      const page = await browser.newPage();
      await page.goto(site.url);
      await page.waitFor(() => document.querySelector('.porthole-wave:not([hidden])'));
      const start = Date.now();
      await page.click('.porthole-wave');
      const waved = await eventually(async () =>
        proxy.seen.find((r) => r.at >= start && r.path === '/wave' && r.done),
      );
      assert.equal(waved.status, 202);
      const metrics = await (await fetch(new URL('metrics', relay.url))).text();
      assert.match(metrics, /^porthole_waves_total 1$/m);

      const frames = join(tmp, `frames-${engine}`);
      await mkdir(frames);
      await writeFile(join(frames, 'frame-1.jpg'), await testFrame(2));
      const uploadOnce = async () => {
        const run = await runFirmwareUploader(
          ['--relay', relay.url, '--token', TOKEN, '--dir', frames, '--once'],
          30_000,
        );
        const output = run.lines.join('\n');
        assert.equal(run.code, 0, `${output}\n${run.stderr}`);
        return output;
      };
      const first = await uploadOnce();
      assert.match(first, /^waves 1$/m);
      assert.match(first, /^blink 1$/m);
      // The wave is delivered once: the next upload hears nothing.
      await writeFile(join(frames, 'frame-1.jpg'), await testFrame(3));
      assert.doesNotMatch(await uploadOnce(), /^blink/m);
      await page.close();
    });
  });
