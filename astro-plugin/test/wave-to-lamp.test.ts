import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  buildFirmwareUploader,
  launchChromium,
  runFirmwareUploader,
  serveStatic,
  startTestRelay,
  type TestRelay,
  TOKEN,
} from '@porthole/testing';
import type { Browser } from 'playwright-core';
import { testFrame, uploadFrame } from './browser/camera.ts';
import { buildFixture } from './build-fixture.ts';

// Issue 8 end to end: a visitor presses Wave in Chromium, the relay counts it, and the next upload
// by the firmware's own uploader (the host build of the ESP32 code) hears it and blinks.

const loopDir = fileURLToPath(new URL('../../loop/', import.meta.url));

describe('a wave from the browser blinks the desk lamp', { timeout: 240_000 }, () => {
  let tmp: string;
  let relay: TestRelay;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Browser;

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'porthole-wave-'));
    await buildFirmwareUploader();
    relay = await startTestRelay({ dataDir: join(tmp, 'relay'), loopDir });
    await uploadFrame(relay.url, TOKEN, await testFrame(1));
    await relay.idle();
    await buildFixture('static', { outDir: join(tmp, 'site'), env: { PORTHOLE_RELAY_URL: relay.url } });
    site = await serveStatic(join(tmp, 'site'));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await relay?.dispose();
    await rm(tmp, { recursive: true, force: true });
  });

  it('press Wave → the relay counts it → the firmware uploader’s next upload reports blink 1', async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForSelector('.porthole-wave:not([hidden])');
    const waved = page.waitForResponse((res) => res.url().endsWith('/wave'));
    await page.click('.porthole-wave');
    assert.equal((await waved).status(), 202);
    const metrics = await (await fetch(new URL('metrics', relay.url))).text();
    assert.match(metrics, /^porthole_waves_total 1$/m);

    const frames = join(tmp, 'frames');
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
