/**
 * `npm run bench`: every Porthole benchmark in one run, each against a baseline measured in the same run.
 * Writes results.json and RESULTS.md (BENCH_QUICK=1: a short smoke run, written under out/ instead).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, TOKEN } from '@porthole/testing';
import { benchBandwidth } from './src/benches/bandwidth.ts';
import { benchCapacity } from './src/benches/capacity.ts';
import { benchCdn } from './src/benches/cdn.ts';
import { benchHls, whichFfmpeg } from './src/benches/hls.ts';
import { benchHttp2 } from './src/benches/http2.ts';
import { benchLatency } from './src/benches/latency.ts';
import { benchLoopPlayback } from './src/benches/loop-playback.ts';
import { benchPageWeight } from './src/benches/page-weight.ts';
import { benchPipeline } from './src/benches/pipeline.ts';
import { benchVideoLatency } from './src/benches/video-latency.ts';
import { openBrowserLab } from './src/browser-lab.ts';
import { findCaddy } from './src/caddy.ts';
import { loadAverage, machineInfo } from './src/machine.ts';
import { ensureNginx } from './src/nginx.ts';
import { loopStandIns, type PhotoName, sourcePhotos } from './src/photos.ts';
import { headline, renderReport } from './src/report.ts';
import { LOOP_DIR } from './src/repository-loop.ts';
import type { LatencyResult, PageWeightResult, Results } from './src/results.ts';
import { cameraSequence, MOVING_SCRIPT, type Shot } from './src/sequence.ts';
import { benchSettings } from './src/settings.ts';
import { viewersHeld } from './src/viewers.ts';

const HERE = new URL('.', import.meta.url).pathname;
/** Open files one process needs for 10,000 connections and its own work. */
const NEEDED_FILES = 12_000;

raiseFileLimitOrReexec();

const settings = benchSettings();
const started = performance.now();
const startedAt = new Date().toISOString();
const notes: string[] = [];
const log = (line: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const machine = machineInfo();
log(
  `Porthole bench${settings.quick ? ' (quick)' : ''} on ${machine.cpu}, ${machine.cores} cores, load ${machine.loadAverage}`,
);

let photos: Record<PhotoName, string>;
let realPhotos = true;
try {
  photos = sourcePhotos(join(HERE, 'out', 'photos'));
} catch (error) {
  realPhotos = false;
  photos = loopStandIns(LOOP_DIR);
  notes.push(
    `The photographic sequence could not be made (${(error as Error).message.split('\n')[0]}); upscaled loop frames stood in, and the photo rows are left out.`,
  );
}

const frames = async (count: number, width: number, height: number, script?: readonly Shot[]) => {
  const out: Buffer[] = [];
  for await (const f of cameraSequence({
    frames: count,
    width,
    height,
    photos,
    ...(script ? { script } : {}),
  }))
    out.push(f.jpeg);
  return out;
};
async function* yieldAll(list: Buffer[]) {
  yield* list;
}

log('1. bytes per viewer-minute: photographic sequence');
const photoSequence = await frames(settings.photoFrames, 800, 600);
const bandwidthOptions = { crfSweep: settings.crfSweep, newcomerEvery: settings.newcomerEvery, goals: false };
const photo = realPhotos
  ? await benchBandwidth('photo', yieldAll(photoSequence), { ...bandwidthOptions, goals: true })
  : null;
log('1. bytes per viewer-minute: default loop uploaded as a camera');
const loopFiles = readdirSync(LOOP_DIR)
  .filter((f) => f.endsWith('.jpg'))
  .sort();
const loopJpegs = Array.from({ length: settings.loopCameraFrames }, (_, i) =>
  readFileSync(join(LOOP_DIR, loopFiles[i % loopFiles.length]!)),
);
const loopCamera = await benchBandwidth('loop', yieldAll(loopJpegs), bandwidthOptions);
log('1. bytes per viewer-minute: loop playback while offline');
const loopPlayback = await benchLoopPlayback(settings.loopLaterSteps);

log('2. frame pipeline, video path off and on');
const pipeline = [];
for (const [width, height] of [
  [800, 600],
  [1600, 1200],
] as const) {
  const input = await frames(settings.pipelineFrames + 3, width, height, MOVING_SCRIPT);
  for (const video of [false, true]) {
    const p = await benchPipeline(`${width}x${height}`, input, video);
    pipeline.push(p);
    log(
      `   ${width}x${height}, video ${video ? 'on' : 'off'}: p50 ${p.relayP50Ms.toFixed(0)} ms, ${p.cpuSecondsPerFrame.toFixed(3)} CPU s/frame`,
    );
  }
}
log('2b. video path latency, relay side');
const latencyFrames = await frames(settings.latencySamples + 2, 800, 600, MOVING_SCRIPT);
const videoLatency = await benchVideoLatency(settings.latencySamples, latencyFrames);
log(`   upload → held run received: p50 ${videoLatency.runReceivedP50Ms.toFixed(0)} ms`);

const nginx = ensureNginx();
if ('skip' in nginx) notes.push(`nginx rows skipped: ${nginx.skip}.`);
const moving = await frames(12, 800, 600, MOVING_SCRIPT);
const still = await frames(6, 800, 600, [{ kind: 'still', photo: 'Path', share: 1 }]);
log('3. relay capacity');
const capacity = await benchCapacity({
  connections: settings.connections,
  durationSeconds: settings.loadSeconds,
  moving,
  still,
  nginx,
  log,
});

const published = photo ? photo.published / photo.frames : loopCamera.published / loopCamera.frames;
const at = Math.max(...settings.connections);
const rate = (server: 'relay' | 'nginx', kind: string) =>
  capacity.rows.find((x) => x.server === server && x.kind === kind && x.connections === at)
    ?.requestsPerSecond ?? 0;
const ratesOf = (server: 'relay' | 'nginx') => ({
  frame200: rate(server, 'frame-200'),
  frame304: rate(server, 'frame-304'),
  variant: rate(server, 'variant'),
});
const viewers = {
  publishedShare: published,
  connections: at,
  relay: viewersHeld(ratesOf('relay'), published),
  nginx: 'skip' in nginx ? null : viewersHeld(ratesOf('nginx'), published),
};

log('4. CDN stand-in');
const cdn = await benchCdn({
  connections: settings.connections,
  durationSeconds: settings.loadSeconds,
  moving,
  nginx,
  log,
});

log('4b. HTTP/2 through Caddy against HTTP/1.1');
const http2 = await benchHttp2({ frames: [...loopJpegs, ...loopJpegs], caddy: findCaddy(), token: TOKEN });

log('4c. the live HLS stream');
const hlsFrames = photoSequence.slice(0, settings.quick ? 18 : 90);
const hls = await benchHls(hlsFrames, whichFfmpeg());

log('5. glass-to-glass latency and 6. page weight: building the demo site');
const debuggingPort = await freePort();
const lab = await openBrowserLab(moving[0]!, debuggingPort);
let latency: LatencyResult;
let pageWeight: PageWeightResult;
if ('skip' in lab) {
  latency = { page: '', strategies: [], skipped: lab.skip };
  pageWeight = {
    islandJsMinBytes: null,
    islandJsMinGzipBytes: null,
    transfers: [],
    lighthouse: [],
    lighthouseSkipped: null,
    skipped: lab.skip,
  };
  notes.push(`Browser rows skipped: ${lab.skip}.`);
} else {
  try {
    log('5. glass-to-glass latency');
    latency = await benchLatency(lab, settings.latencySamples, latencyFrames);
    log('6. page weight');
    pageWeight = await benchPageWeight(lab, settings.pageWeightAfterSeconds, photoSequence, log);
  } finally {
    await lab.close();
  }
}

const results: Results = {
  meta: {
    date: startedAt,
    command: settings.quick ? 'BENCH_QUICK=1 npm run bench' : 'npm run bench',
    machine,
    loadAverageAfter: loadAverage(),
    settings,
    durationSeconds: (performance.now() - started) / 1000,
    notes,
  },
  bandwidth: { photo, loopCamera, loopPlayback },
  pipeline,
  capacity,
  viewers,
  cdn,
  latency,
  videoLatency,
  http2,
  hls,
  pageWeight,
};

const outDir = settings.quick ? join(HERE, 'out') : HERE;
mkdirSync(outDir, { recursive: true });
const name = settings.quick ? 'RESULTS-quick' : 'RESULTS';
writeFileSync(
  join(outDir, `${settings.quick ? 'results-quick' : 'results'}.json`),
  `${JSON.stringify(results, null, 2)}\n`,
);
writeFileSync(join(outDir, `${name}.md`), renderReport(results));
console.log(`\n${headline(results)}\n`);
log(`wrote ${join(outDir, `${name}.md`)}`);

/**
 * 10,000 connections need as many descriptors in this process and in the relay it starts. Raise the soft
 * limit by re-running under `ulimit -n` (root may raise the hard limit too).
 */
function raiseFileLimitOrReexec(): void {
  const soft = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
  if (soft >= NEEDED_FILES || soft === 0 || process.env.PORTHOLE_BENCH_REEXEC) return;
  const again = spawnSync(
    'sh',
    [
      '-c',
      `ulimit -n ${NEEDED_FILES} 2>/dev/null || exit 97; exec "$0" "$@"`,
      process.execPath,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit', env: { ...process.env, PORTHOLE_BENCH_REEXEC: '1' } },
  );
  if (again.error || again.status === null || again.status === 97) {
    console.error(
      `could not raise the open-file limit to ${NEEDED_FILES} (now ${soft}); run \`ulimit -n ${NEEDED_FILES}\` first`,
    );
    process.exit(1);
  }
  process.exit(again.status);
}
