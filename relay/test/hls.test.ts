import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RECORDING_PATHS } from '@porthole/protocol';
import {
  engineMissing,
  eventually,
  makeJpeg,
  metricSum,
  openBrowser,
  readMetrics,
  serveStatic,
  startTestRelay,
  type TestRelay,
  uploadWithTus,
} from '@porthole/testing';

const require = createRequire(import.meta.url);
const FFPROBE = '/usr/bin/ffprobe';
const INTERVAL_MS = 500;

/** A camera that uploads a new frame every interval while it is on. */
function camera(url: string) {
  let on = false;
  let seed = 100;
  let loop: Promise<void> = Promise.resolve();
  const uploads = async () => {
    while (on) {
      await uploadWithTus(url, await makeJpeg(seed++));
      await new Promise((done) => setTimeout(done, INTERVAL_MS));
    }
  };
  return {
    start() {
      on = true;
      loop = uploads();
    },
    async stop() {
      on = false;
      await loop;
    },
  };
}

const playlist = async (relay: TestRelay) => {
  const res = await fetch(new URL(`.${RECORDING_PATHS.hlsPlaylist}`, relay.url));
  return res.status === 200 ? { text: await res.text(), res } : undefined;
};
const mediaSequence = (text: string) => Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1]);
const lastSegment = (text: string) => text.trim().split('\n').at(-1)!;

describe('live HLS', () => {
  let relay: TestRelay;
  const cam = { start() {}, stop: async () => {} };
  before(async () => {
    relay = await startTestRelay({
      hls: 'on',
      interval: `${INTERVAL_MS}ms`,
      hlsSegment: `${3 * INTERVAL_MS}ms`,
      hlsWindow: 6,
      offlineAfter: '2s',
      widths: '320',
    });
    Object.assign(cam, camera(relay.url));
    cam.start();
    await eventually(async () => (await playlist(relay))?.text.includes('#EXTINF'), 20_000);
  });
  after(async () => {
    await cam.stop();
    await relay.dispose();
  });

  test('the playlist is a short-lived live media playlist with dates, an init map and immutable segments', async () => {
    const got = await playlist(relay);
    assert.ok(got);
    const { text, res } = got;
    assert.equal(res.headers.get('content-type'), 'application/vnd.apple.mpegurl');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=1, stale-if-error=10');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(text, /^#EXTM3U\n/);
    assert.match(text, /#EXT-X-TARGETDURATION:2\n/);
    assert.match(text, /#EXT-X-PROGRAM-DATE-TIME:\d{4}-\d\d-\d\dT/);
    assert.doesNotMatch(text, /#EXT-X-ENDLIST/);
    const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)?.[1];
    assert.ok(init);
    for (const name of [init, lastSegment(text)]) {
      const file = await fetch(new URL(`.${RECORDING_PATHS.hls}${name}`, relay.url));
      assert.equal(file.status, 200);
      assert.equal(file.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(file.headers.get('access-control-allow-origin'), '*');
      assert.ok((await file.arrayBuffer()).byteLength > 0);
    }
    const multivariant = await (
      await fetch(new URL(`.${RECORDING_PATHS.hlsMultivariant}`, relay.url))
    ).text();
    assert.match(multivariant, /CODECS="av01\.0\.\d\dM\.08",RESOLUTION=320x240/);
  });

  test('camera → offline → camera plays on in hls.js (Chromium) and ffprobe, with no discontinuity', async (t) => {
    // Read before anything starts: a missing hls.js must fail the test, not leave a server running.
    const hlsJs = await readFile(require.resolve('hls.js/dist/hls.min.js'));
    const site = await serveStatic(await mkdtemp(join(tmpdir(), 'porthole-hls-page-')));
    site.files.set('/hls.js', { body: hlsJs });
    site.files.set('/index.html', {
      body: hlsPage(new URL(`.${RECORDING_PATHS.hlsPlaylist}`, relay.url).href),
    });
    const browser = await openBrowser('chromium');
    try {
      const page = await browser.newPage();
      await page.goto(site.url);
      await page.waitFor("document.querySelector('video').currentTime > 1", undefined, {
        timeout: 30_000,
      });
      const fromSequence = mediaSequence((await playlist(relay))!.text);
      // ffprobe follows the live playlist from here, decoding every frame, across the switch.
      const probe = ffprobeLive(new URL(`.${RECORDING_PATHS.hlsPlaylist}`, relay.url).href, 36);

      await cam.stop();
      await eventually(async () => relay.feed.mode() === 'offline', 10_000);
      const offlineAt = Date.now();
      await eventually(async () => Date.now() - offlineAt > 4000 && relay.feed.mode() === 'offline', 10_000);
      cam.start();
      await eventually(async () => relay.feed.mode() === 'live', 10_000);
      // Two whole segments after the camera came back.
      const backAt = mediaSequence((await playlist(relay))!.text);
      await eventually(async () => mediaSequence((await playlist(relay))!.text) >= backAt + 2, 20_000);

      const probed = await probe;
      assert.equal(probed.code, 0, probed.stderr);
      assert.equal(probed.stderr.trim(), '', 'ffprobe reported no errors');
      const times = probed.frames.map((f) => f.pts);
      assert.equal(times.length, 36, 'ffprobe decoded every frame it asked for');
      // Frames on the interval grid, in order; one a stalled machine recorded late stays up longer.
      const steps = times.slice(1).map((time, i) => (time - times[i]!) / (INTERVAL_MS / 1000));
      for (const step of steps) assert.ok(Math.abs(step - Math.round(step)) < 0.01 && step >= 1, `${steps}`);
      assert.ok(steps.filter((s) => Math.round(s) === 1).length >= 0.8 * steps.length, `${steps}`);

      const played = await page.evaluate<{
        time: number;
        error: string | null;
        frames: number;
        errors: { fatal: boolean; details: string }[];
        behindMs: number | null;
      }>(`(() => {
        const video = document.querySelector('video');
        return {
          time: video.currentTime,
          error: video.error?.message ?? null,
          frames: video.getVideoPlaybackQuality().totalVideoFrames,
          errors: window.errors,
          behindMs: window.hls.playingDate ? Date.now() - window.hls.playingDate.getTime() : null,
        };
      })()`);
      assert.equal(played.error, null);
      assert.deepEqual(
        played.errors.filter((e) => e.fatal || /discontinuity|parsing|decode/i.test(e.details)),
        [],
      );
      assert.ok(played.frames > 10, `hls.js showed ${played.frames} frames`);
      const sequence = mediaSequence((await playlist(relay))!.text);
      assert.ok(sequence - fromSequence >= 4, 'the window slid on');
      t.diagnostic(
        `hls.js in Chromium played ${played.time.toFixed(1)} s, ${played.frames} frames, ${played.behindMs} ms behind live`,
      );
      const metrics = await readMetrics(relay.url);
      const delay =
        metricSum(metrics, 'porthole_hls_segment_delay_seconds_sum') /
        metricSum(metrics, 'porthole_hls_segment_delay_seconds_count');
      t.diagnostic(`segments are listed ${(delay * 1000).toFixed(0)} ms after their first frame`);
      assert.ok(metricSum(metrics, 'porthole_hls_segments_total') >= 4);
      assert.ok(metricSum(metrics, 'porthole_recording_encode_seconds_count') >= 12);
    } finally {
      await browser.close();
      await site.close();
    }
  });

  test('segments that leave the window are deleted, and the disk stays within its share', async () => {
    const dir = join(relay.dataDir, 'recordings', 'hls');
    const text = (await playlist(relay))!.text;
    const files = (await readdir(dir)).filter((f) => f.endsWith('.m4s'));
    assert.ok(files.length <= 2 * 6, `${files.length} segments on disk`);
    const listed = text.split('\n').filter((l) => l.endsWith('.m4s'));
    for (const name of listed) assert.ok(files.includes(name));
    const bytes = (await Promise.all((await readdir(dir)).map((f) => stat(join(dir, f))))).reduce(
      (n, s) => n + s.size,
      0,
    );
    assert.ok(bytes < 1024 ** 3 * 0.1);
  });

  test('WebKitGTK says whether it plays HLS natively (recorded, not required)', async (t) => {
    if (engineMissing('webkit')) return t.skip(engineMissing('webkit'));
    const browser = await openBrowser('webkit');
    try {
      const page = await browser.newPage();
      const site = await serveStatic(await mkdtemp(join(tmpdir(), 'porthole-hls-webkit-')));
      site.files.set('/index.html', { body: '<video></video>' });
      await page.goto(site.url);
      const answer = await page.evaluate<{ hls: string; av1: string; mse: boolean }>(`({
        hls: document.createElement('video').canPlayType('application/vnd.apple.mpegurl'),
        av1: document.createElement('video').canPlayType('video/mp4; codecs="av01.0.04M.08"'),
        mse: typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported('video/mp4; codecs="av01.0.04M.08"'),
      })`);
      t.diagnostic(
        `${browser.version}: canPlayType(HLS) = "${answer.hls}", AV1 in MP4 = "${answer.av1}", AV1 by MSE = ${answer.mse}`,
      );
      await site.close();
    } finally {
      await browser.close();
    }
  });
});

/** A page with nothing of Porthole's: hls.js on a <video>, its errors kept. */
function hlsPage(src: string): string {
  return `<!doctype html><video muted playsinline></video><script src="/hls.js"></script><script>
    window.errors = [];
    const video = document.querySelector('video');
    const hls = new Hls();
    hls.on(Hls.Events.ERROR, (_, d) => window.errors.push({ fatal: d.fatal, details: d.details, type: d.type }));
    hls.loadSource(${JSON.stringify(src)});
    hls.attachMedia(video);
    hls.on(Hls.Events.MANIFEST_PARSED, () => video.play());
    window.hls = hls;
  </script>`;
}

/** ffprobe decoding `count` frames of a live playlist from its live edge. */
function ffprobeLive(
  url: string,
  count: number,
): Promise<{ code: number | null; stderr: string; frames: { pts: number }[] }> {
  const child = spawn(FFPROBE, [
    '-v',
    'error',
    '-show_entries',
    'frame=pts_time',
    '-of',
    'csv=p=0',
    '-read_intervals',
    `%+#${count}`,
    url,
  ]);
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((done) =>
    child.on('close', (code) =>
      done({
        code,
        stderr: err,
        frames: out
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => ({ pts: Number(l) })),
      }),
    ),
  );
}
