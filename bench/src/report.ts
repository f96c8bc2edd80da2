/** RESULTS.md from results.json: a headline table, then every bench with its baseline and caveats. */

import type { BandwidthResult } from './benches/bandwidth.ts';
import type { CapacityRow } from './benches/capacity.ts';
import { count, kB, MB, ms, perSecond, plainRatio, ratio, ssim, table } from './format.ts';
import { hlsSection, http2Section } from './report-http2.ts';
import {
  pipelinePairs,
  videoBandwidthSection,
  videoGoals,
  videoHeadlineRows,
  videoLatencySection,
} from './report-video.ts';
import type { Results } from './results.ts';

export function headline(r: Results): string {
  const rows: string[][] = [];
  const bw = (result: BandwidthResult | null, label: string, format: string) => {
    if (!result) return;
    const base = result.rows[0]!;
    const row = result.rows.find((x) => x.what.startsWith(`Porthole ${format} 640`));
    if (!row) return;
    rows.push([
      `${label}: bytes per viewer-minute, ${format.toUpperCase()} 640 px + pointer (SSIM ${ssim(row.ssimPublished)})`,
      kB(row.bytesPerViewerMinute),
      `camera JPEG every frame: ${kB(base.bytesPerViewerMinute)}`,
      ratio(row.vsBaseline),
    ]);
  };
  bw(r.bandwidth.photo, 'Photo sequence', 'avif');
  bw(r.bandwidth.photo, 'Photo sequence', 'webp');
  bw(r.bandwidth.loopCamera, 'Default loop as camera', 'avif');
  const playback = r.bandwidth.loopPlayback.rows;
  const avifPlayback = playback.find((x) => x.what.startsWith('Porthole avif 640'));
  if (avifPlayback)
    rows.push([
      'Loop playback (camera offline), after the first lap, AVIF 640 + pointer',
      kB(avifPlayback.laterBytesPerMinute),
      `loop JPEG every step: ${kB(playback[0]!.laterBytesPerMinute)}`,
      ratio(avifPlayback.vsBaseline),
    ]);
  rows.push(...videoHeadlineRows(r));
  for (const p of r.pipeline)
    rows.push([
      `Pipeline ${p.input}${p.video === undefined ? '' : p.video ? ', video path on' : ', video path off'}: upload complete → pointer moved, p50 / p95`,
      `${ms(p.relayP50Ms)} / ${ms(p.relayP95Ms)}`,
      'frame interval: 2000 ms (the original served the upload as-is: 0 ms)',
      ratio(p.relayP95Ms / 2000),
    ]);
  const cap = r.capacity.rows;
  for (const conns of r.meta.settings.connections)
    for (const kind of ['frame-200', 'frame-304', 'variant'] as const) {
      const relay = cap.find((x) => x.server === 'relay' && x.kind === kind && x.connections === conns);
      const nginx = cap.find((x) => x.server === 'nginx' && x.kind === kind && x.connections === conns);
      if (!relay) continue;
      rows.push([
        `${label(kind)} at ${count(conns)} connections, camera uploading`,
        perSecond(relay.requestsPerSecond),
        nginx ? `nginx, same bytes as static files: ${perSecond(nginx.requestsPerSecond)}` : 'nginx: skipped',
        nginx ? ratio(relay.requestsPerSecond / nginx.requestsPerSecond, false, RATE_NOISE) : 'n/a',
      ]);
    }
  const v = r.viewers;
  rows.push([
    `Concurrent viewers one 2-core machine holds (poll every 2 s, ${Math.round(v.publishedShare * 100)} % of frames new)`,
    count(v.relay),
    v.nginx ? `nginx serving the same files: ${count(v.nginx)}` : 'nginx: skipped',
    v.nginx ? ratio(v.relay / v.nginx, false, RATE_NOISE) : 'n/a',
  ]);
  const nginxPeak = r.capacity.nginxPeakRssBytes;
  rows.push([
    `Relay RSS at peak, up to ${count(Math.max(...r.meta.settings.connections))} connections (idle: ${MB(r.capacity.relayIdleRssBytes)})`,
    MB(r.capacity.relayPeakRssBytes),
    nginxPeak ? `nginx (master + worker) under the same loads: ${MB(nginxPeak)}` : 'nginx: skipped',
    nginxPeak ? ratio(r.capacity.relayPeakRssBytes / nginxPeak) : 'n/a',
  ]);
  for (const row of r.cdn.rows.filter((x) => x.path === 'frame')) {
    const direct = cap.find(
      (x) => x.server === 'relay' && x.kind === 'frame-200' && x.connections === row.connections,
    );
    rows.push([
      `Behind nginx proxy_cache, ${count(row.connections)} connections: GET /frame reaching the relay`,
      `${row.relayRequestsPerSecond.toFixed(2)}/s (edge serves ${perSecond(row.requestsPerSecond)})`,
      direct ? `relay without a cache: every request, ${perSecond(direct.requestsPerSecond)}` : 'n/a',
      direct ? ratio(row.relayRequestsPerSecond / direct.requestsPerSecond) : 'n/a',
    ]);
  }
  const { video, hint, fixed } = latencyStrategies(r);
  for (const strategy of [video, hint])
    if (strategy && fixed)
      rows.push([
        `Glass-to-glass, ${strategy.name}, p50 / p95`,
        `${ms(strategy.p50Ms)} / ${ms(strategy.p95Ms)}`,
        `${fixed.name}: ${ms(fixed.p50Ms)} / ${ms(fixed.p95Ms)}`,
        ratio(strategy.p50Ms / fixed.p50Ms),
      ]);
  const pw = r.pageWeight;
  const feed = pw.transfers.find((t) => t.page === 'with feed');
  const naive = pw.transfers.find((t) => t.page.startsWith('naive'));
  if (feed && naive) {
    rows.push([
      'Visitor transfer, first 10 s (page + island + frames)',
      kB(feed.first10sBytes),
      `${naive.page}: ${kB(naive.first10sBytes)}`,
      ratio(feed.first10sBytes / naive.first10sBytes),
    ]);
    rows.push([
      'Visitor transfer per minute after that',
      kB(feed.perMinuteAfterBytes),
      `${naive.page}: ${kB(naive.perMinuteAfterBytes)}`,
      ratio(feed.perMinuteAfterBytes / naive.perMinuteAfterBytes),
    ]);
  }
  const lhFeed = pw.lighthouse.find((l) => l.page === 'with feed');
  const lhBare = pw.lighthouse.find((l) => l.page === 'without feed');
  if (lhFeed && lhBare)
    rows.push([
      'Lighthouse performance / CLS',
      `${lhFeed.performance} / ${lhFeed.cls.toFixed(3)}`,
      `same page without the feed: ${lhBare.performance} / ${lhBare.cls.toFixed(3)}`,
      ratio(lhFeed.performance / lhBare.performance, false),
    ]);
  return table(['figure', 'Porthole', 'baseline (same run)', 'Porthole ÷ baseline'], rows);
}

/** A part only some runs have: nothing at all (not even a blank line) when it is empty. */
const optional = (part: string): string[] => (part ? [part] : []);

/** Request rates on this shared 2-core machine vary about this much between identical runs. */
const RATE_NOISE = 0.1;

const label = (kind: CapacityRow['kind']) =>
  kind === 'frame-200'
    ? 'GET /frame → 200 (req/s)'
    : kind === 'frame-304'
      ? 'GET /frame → 304 (req/s)'
      : 'GET /frames/<640-px AVIF> (req/s)';

/** Where this run has Porthole behind its baseline, and costs hidden inside a winning figure. */
export function behind(r: Results): string[] {
  const out: string[] = [];
  for (const line of headline(r).split('\n'))
    if (line.includes('Porthole behind')) {
      const [figure, porthole, baseline, verdict] = line.replace(/^\| | \|$/g, '').split(' | ');
      out.push(
        `${figure}: ${porthole} against ${baseline}, ${verdict?.replace(', **Porthole behind**', '')}.`,
      );
    }
  const pairs = r.capacity.rows
    .filter((x) => x.server === 'relay')
    .map((x) => {
      const n = r.capacity.rows.find(
        (y) => y.server === 'nginx' && y.kind === x.kind && y.connections === x.connections,
      );
      return n ? x.requestsPerSecond / n.requestsPerSecond : undefined;
    })
    .filter((x): x is number => x !== undefined);
  const slower = pairs.filter((x) => x < 1);
  if (slower.length > 0)
    out.push(
      `Request rates: the relay trails static nginx in ${slower.length} of ${pairs.length} runs, by up to ${Math.round((1 - Math.min(...slower)) * 100)} %. Runs here vary by about ±${RATE_NOISE * 100} %, and both servers run near the co-located load generator's own limit, so nginx's real lead on a dedicated machine is likely larger than this shows.`,
    );
  const photo = r.bandwidth.photo;
  if (photo) {
    const pick = (f: string) => photo.rows.find((x) => x.what.startsWith(`Porthole ${f} 640`));
    const avif = pick('avif');
    const webp = pick('webp');
    if (avif && webp && (avif.ssimPublished ?? 0) < (webp.ssimPublished ?? 0))
      out.push(
        `AVIF's smaller size is partly bought with quality: SSIM ${ssim(avif.ssimPublished)} against WebP's ${ssim(webp.ssimPublished)} at the relay's settings, so the AVIF/WebP byte ratio is not an equal-quality comparison.`,
      );
    // The design's own yardstick is smaller than this camera's JPEGs: say what the ratio would be against it.
    const nominal = 25_000 * 30;
    if (avif && webp && photo.cameraJpegMeanBytes > 25_000)
      out.push(
        `This camera's JPEGs (${kB(photo.cameraJpegMeanBytes)}) are larger than the design's nominal 25 kB frame. Against that nominal ${kB(nominal)} a minute (arithmetic, not measured), AVIF 640 would be ${(avif.bytesPerViewerMinute / nominal).toFixed(2)}× and WebP 640 ${(webp.bytesPerViewerMinute / nominal).toFixed(2)}×: still well under, but not the headline's ratio.`,
      );
    if (avif)
      out.push(
        `The pointer and its 304s cost ${kB(avif.pointerBytesPerMinute)} per viewer-minute on the photo sequence (${Math.round((avif.pointerBytesPerMinute / avif.bytesPerViewerMinute) * 100)} % of the AVIF 640 total); headers are most of a 304.`,
      );
  }
  const later = r.bandwidth.loopPlayback.rows.find((x) => x.what.startsWith('Porthole avif 640'));
  if (later)
    out.push(
      `While the loop plays, a viewer still pays ${kB(later.laterBytesPerMinute)} a minute for the pointer alone (every step is a new pointer, about 1.2 kB with headers).`,
    );
  const { hint, fixed } = latencyStrategies(r);
  if (hint && fixed && hint.pointerRequestsPerMinute > fixed.pointerRequestsPerMinute)
    out.push(
      `The next-frame hint buys its latency with more pointer requests: ${hint.pointerRequestsPerMinute.toFixed(0)} a minute against ${fixed.pointerRequestsPerMinute.toFixed(0)} for fixed 2 s polling.`,
    );
  return out;
}

export function renderReport(r: Results): string {
  const m = r.meta;
  const parts = [
    '# Porthole benchmark results',
    '',
    `Measured ${m.date} with \`${m.command}\`${m.settings.quick ? ' (**quick mode**: short runs, figures are rough)' : ''}, in ${Math.round(m.durationSeconds)} s.`,
    `Machine: ${m.machine.cpu}, ${m.machine.cores} cores, ${m.machine.memoryGiB} GiB, Linux ${m.machine.kernel}; Node ${m.machine.node}; ${m.machine.nginx ?? 'nginx: not available'}; ${m.machine.chromium ?? 'Chromium: not available'}.`,
    `Load average before / after: ${m.machine.loadAverage} / ${m.loadAverageAfter}. The load generator, the servers and the camera share these cores, so absolute rates are this machine's; read the ratios.`,
    '',
    'Every figure has a baseline measured in the same run. Ratios are Porthole ÷ baseline; where Porthole is behind, the row says **Porthole behind**.',
    '',
    '## Headline',
    '',
    headline(r),
    '',
    ...m.notes.map((n) => `- ${n}`),
    '',
    ...(videoGoals(r).length > 0
      ? ['### The video path against its goals', '', ...videoGoals(r).map((line) => `- ${line}`), '']
      : []),
    '### Where Porthole is behind in this run',
    '',
    ...behind(r).map((line) => `- ${line}`),
    '',
    bandwidthSection(r),
    pipelineSection(r),
    capacitySection(r),
    cdnSection(r),
    http2Section(r.http2),
    hlsSection(r.hls),
    latencySection(r),
    pageWeightSection(r),
  ];
  return `${parts.join('\n')}\n`;
}

function bandwidthTable(result: BandwidthResult): string {
  return table(
    [
      'what a viewer downloads',
      'per viewer-minute',
      'images',
      'pointer + 304s',
      '÷ baseline',
      'SSIM of new frames',
      'SSIM of what is on screen',
    ],
    result.rows.map((x) => [
      x.what,
      kB(x.bytesPerViewerMinute),
      kB(x.imageBytesPerMinute),
      kB(x.pointerBytesPerMinute),
      x.what.startsWith('Porthole') ? ratio(x.vsBaseline) : plainRatio(x.vsBaseline),
      ssim(x.ssimPublished),
      ssim(x.ssimSeen),
    ]),
  );
}

function bandwidthSection(r: Results): string {
  const { photo, loopCamera, loopPlayback } = r.bandwidth;
  const out = [
    '## 1. Bytes per viewer-minute at 30 frames/min',
    '',
    'A real relay publishes each uploaded frame; after each upload a simulated viewer per variant polls `GET /frame` once with its last ETag (what the `next` hint asks for at one frame per 2 s) and downloads the named image when it is new. Porthole bytes are read off the socket: status line, headers and body of the pointer, the 304s and the images. The baseline (the original design: the camera JPEG fetched every 2 s) is counted as bare JPEG bodies, no headers, which flatters it slightly. SSIM (grayscale, 11-px Gaussian window) compares each image with the uploaded frame turned grayscale and resized to the image\'s size; "on screen" also scores frames the change check skipped, against the upload that was skipped.',
    '',
  ];
  if (photo) {
    out.push(
      `### Photographic sequence (${photo.frames} frames, ${photo.cameraSize}, camera JPEG mean ${kB(photo.cameraJpegMeanBytes)}; ${photo.published} published, ${photo.unchanged} skipped as unchanged)`,
      '',
      "Derived from photos in Debian's `plasma-workspace-wallpapers` (2560×1600): still shots with sensor noise and exposure jitter (about 60 %), a pan, a zoom, a light fading, something crossing the frame; colour JPEG quality 60, like a cheap camera.",
      '',
      bandwidthTable(photo),
      '',
      ...optional(videoBandwidthSection(photo)),
    );
  }
  out.push(
    `### Default loop uploaded as a camera would (${loopCamera.frames} frames, ${loopCamera.cameraSize}, mean ${kB(loopCamera.cameraJpegMeanBytes)}; ${loopCamera.published} published, ${loopCamera.unchanged} skipped)`,
    '',
    bandwidthTable(loopCamera),
    '',
    ...optional(videoBandwidthSection(loopCamera)),
    `### Loop playback while the camera is offline (${loopPlayback.loopFrames}-frame loop, ${loopPlayback.steps} steps)`,
    '',
    'The relay plays its pre-encoded loop; variants are immutable, so after one lap the browser cache holds every image and only the pointer travels.',
    '',
    table(
      ['what a viewer downloads', 'first lap, per minute', 'later laps, per minute', 'later ÷ baseline'],
      loopPlayback.rows.map((x) => [
        x.what,
        kB(x.firstLapBytesPerMinute),
        kB(x.laterBytesPerMinute),
        ratio(x.vsBaseline),
      ]),
    ),
    '',
  );
  return out.join('\n');
}

function pipelineSection(r: Results): string {
  const withVideo = r.pipeline.some((p) => p.video !== undefined);
  const pairs = pipelinePairs(r.pipeline);
  return [
    '## 2. Frame pipeline',
    '',
    `One frame at a time through a relay in this process (decode, grayscale, resize, change check, AVIF + WebP + JPEG at 320 and 640 px${withVideo ? ', with the video path on also the AV1 chunk (libaom in WebAssembly, on a worker thread, beside the stills) and its place on the tape' : ''}, atomic publish). "Relay" is its own \`porthole_processing_seconds\` (upload received → pointer moved); "camera side" adds the upload request. CPU is \`process.cpuUsage()\` over all threads, per frame${withVideo ? " (it counts the encoder's worker thread: the main thread's own share, from `process.threadCpuUsage()`, is beside it)" : ''}. Baseline: the camera's 2 s frame interval (the original design served the upload as-is, with no processing at all)${withVideo ? '; for the video path, the same relay with `video: false`, same frames, same run' : ''}.`,
    '',
    table(
      [
        'input',
        ...(withVideo ? ['video path'] : []),
        'frames',
        'mean upload',
        'relay p50',
        'relay p95',
        'camera side p50',
        'camera side p95',
        'CPU s / frame',
        ...(withVideo ? ['of which main thread'] : []),
        'CPU share of one core at 30 frames/min',
      ],
      r.pipeline.map((p) => [
        p.input,
        ...(withVideo ? [p.video ? 'on' : 'off'] : []),
        p.frames,
        kB(p.inputMeanBytes),
        ms(p.relayP50Ms),
        ms(p.relayP95Ms),
        ms(p.clientP50Ms),
        ms(p.clientP95Ms),
        p.cpuSecondsPerFrame.toFixed(3),
        ...(withVideo
          ? [p.mainThreadCpuSecondsPerFrame === undefined ? 'n/a' : p.mainThreadCpuSecondsPerFrame.toFixed(3)]
          : []),
        `${Math.round((p.cpuSecondsPerFrame / 2) * 100)} %`,
      ]),
    ),
    '',
    ...(pairs.length > 0
      ? [
          ...pairs.map(
            ({ off, on }) =>
              `- ${on.input}: video path on ÷ off, CPU per frame ${ratio(on.cpuSecondsPerFrame / off.cpuSecondsPerFrame)}, relay p50 ${ratio(on.relayP50Ms / off.relayP50Ms)}.`,
          ),
          '',
        ]
      : []),
  ].join('\n');
}

function capacitySection(r: Results): string {
  const c = r.capacity;
  const rows = c.rows.map((x) => [
    x.server,
    label(x.kind),
    count(x.connections),
    perSecond(x.requestsPerSecond),
    ms(x.latencyP50Ms),
    ms(x.latencyP99Ms),
    `${Math.round(x.bytesPerResponse)} B`,
    x.kind === 'frame-304' ? `${Math.round((x.notModified / Math.max(1, x.responses)) * 100)} %` : '',
    count(x.failures),
    x.relayRssBytes ? MB(x.relayRssBytes) : '',
  ]);
  return [
    '## 3. Relay capacity',
    '',
    `autocannon (one thread) on loopback, ${c.durationSeconds} s per run; requests/s is the median of per-second counts (the seconds spent opening 10,000 connections are left out). The relay runs as its own process with a camera uploading an 800×600 frame every 2 s (${c.cameraUploads} uploads, ${c.cameraFailures} failed): a moving scene during the 200 and image runs, a still one during the 304 run (the change check then keeps the pointer, as it does for a still desk). The ceiling is nginx with one worker (like the relay's one event loop; the load generator needs the other core) serving the same pointer body (${c.pointerBytes} B) and the same 640-px AVIF (${kB(c.variantBytes)}) as static files with the same cache headers; relay and nginx runs alternate. ${c.nginxSkipped ? `nginx rows skipped: ${c.nginxSkipped}.` : ''}`,
    '',
    table(
      [
        'server',
        'request',
        'connections',
        'requests/s',
        'p50',
        'p99',
        'bytes/response',
        '304 share',
        'failed',
        'relay RSS',
      ],
      rows,
    ),
    '',
    c.generatorCeiling
      ? `For scale, nginx answering 204 with no body reached ${perSecond(c.generatorCeiling)} in this run (${count(r.meta.settings.connections[0]!)} connections): every pointer run above is at the load generator's own limit as much as the server's, so relay-versus-nginx rates near 1 say "both outrun one autocannon thread on a shared core", not "as fast as nginx".`
      : '',
    '',
    `Relay RSS: ${MB(c.relayIdleRssBytes)} idle after start (the decoded loop and sharp), ${MB(c.relayPeakRssBytes)} at peak (VmHWM)${c.nginxPeakRssBytes ? `; nginx, master + worker, ${MB(c.nginxPeakRssBytes)} at peak` : ''}.`,
    '',
    `Viewers one machine holds: a viewer polls once per 2 s frame; ${Math.round(r.viewers.publishedShare * 100)} % of polls (the share of frames published in the photographic sequence) are a 200 plus one image, the rest 304s. From the ${count(r.viewers.connections)}-connection rates: relay ${count(r.viewers.relay)} viewers${r.viewers.nginx ? `, nginx ${count(r.viewers.nginx)}` : ''}. Images are the bulk of the cost. These are lower bounds: the load generator held one of the two cores throughout. Behind a CDN (below) the relay's load no longer grows with viewers at all.`,
    '',
  ].join('\n');
}

function cdnSection(r: Results): string {
  const c = r.cdn;
  if (c.skipped) return `## 4. Through a CDN stand-in\n\nSkipped: ${c.skipped}.\n`;
  return [
    '## 4. Through a CDN stand-in',
    '',
    `nginx \`proxy_cache\` (one worker, cache lock, background update, stale while updating) in front of the relay, which sends \`Cache-Control: ${c.pointerCacheControl}\` on the pointer and \`immutable\` on images; camera uploading every 2 s. "Reaching the relay" is the change of the relay's \`porthole_http_requests_total\` for that route over the run. Baseline: the same load straight at the relay (every request reaches it).`,
    '',
    table(
      ['request', 'connections', 'edge requests/s', 'edge p50', 'edge p99', 'reaching the relay', 'failed'],
      c.rows.map((x) => [
        x.path === 'frame' ? 'GET /frame' : 'GET /frames/<640-px AVIF>',
        count(x.connections),
        perSecond(x.requestsPerSecond),
        ms(x.latencyP50Ms),
        ms(x.latencyP99Ms),
        `${x.relayRequestsPerSecond.toFixed(2)}/s`,
        count(x.failures),
      ]),
    ),
    '',
  ].join('\n');
}

/** The latency rows by strategy (runs from before the video path have only the two stills rows). */
function latencyStrategies(r: Results) {
  const named = (start: string) => r.latency.strategies.find((s) => s.name.startsWith(start));
  return {
    video: named('video'),
    hint: named('stills, next') ?? named('next'),
    fixed: named('stills, fixed') ?? named('fixed'),
  };
}

function latencySection(r: Results): string {
  const l = r.latency;
  if (l.skipped)
    return `## 5. Glass-to-glass latency\n\nSkipped: ${l.skipped}.\n\n${videoLatencySection(r.videoLatency)}`;
  return [
    '## 5. Glass-to-glass latency',
    '',
    `From the camera sending an upload (on loopback its last byte arrives within a millisecond) to the new frame painted in headless Chromium (${l.page}; painted = two animation frames after the image joins the layer, before the ${'`'}fade${'`'} crossfade completes), one upload every 2 s, the pages watching the same uploads side by side: the island on the video path (its default where WebCodecs decodes AV1), and on the stills (WebCodecs hidden from it). Baseline: the stills with poll bounds pinned to 2 s (fixed-interval polling, the original front end's strategy). Requests per minute (pointer polls, or held video requests) show what each strategy costs.`,
    '',
    table(
      ['strategy', 'samples', 'p50', 'p95', 'requests / min'],
      l.strategies.map((s) => [
        s.name,
        s.samples,
        ms(s.p50Ms),
        ms(s.p95Ms),
        s.pointerRequestsPerMinute.toFixed(1),
      ]),
    ),
    '',
    ...optional(videoLatencySection(r.videoLatency)),
  ].join('\n');
}

function pageWeightSection(r: Results): string {
  const p = r.pageWeight;
  if (p.skipped) return `## 6. Page weight\n\nSkipped: ${p.skipped}.\n`;
  const out = [
    '## 6. Page weight',
    '',
    p.islandJsMinGzipBytes !== null
      ? `The island's JavaScript as the demo site ships it (Astro's minified chunks: the custom element and the nanostores chunk it imports): ${p.islandJsMinBytes} B minified, ${p.islandJsMinGzipBytes} B with each chunk gzipped (level 9). Baseline: the original front end's inline poller, about 120 B.`
      : 'Island size: not measured.',
    '',
    "Bytes a visitor transfers, counted from Chromium's network events (encoded body + headers), camera uploading the photographic sequence every 2 s:",
    '',
    table(
      ['page', 'first 10 s', 'per minute after'],
      p.transfers.map((t) => [t.page, kB(t.first10sBytes), kB(t.perMinuteAfterBytes)]),
    ),
    '',
  ];
  if (p.lighthouse.length > 0)
    out.push(
      table(
        ['Lighthouse (mobile, simulated throttling)', 'performance', 'CLS', 'LCP'],
        p.lighthouse.map((l) => [l.page, l.performance, l.cls.toFixed(3), ms(l.lcpMs)]),
      ),
      '',
    );
  if (p.lighthouseSkipped) out.push(`Lighthouse: ${p.lighthouseSkipped}.`, '');
  return out.join('\n');
}
