/** @porthole/testing: the one home of the test support every workspace shares. */

export { type Av1Decoder, type DecodedPicture, openAv1Decoder } from './av1-decoder.ts';
// Browsers and the sites they load.
export { type CountingProxy, type SeenRequest, startCountingProxy } from './browsers/counting-proxy.ts';
export { engineMissing, skipUnlessInstalled } from './browsers/installed-engines.ts';
export { openBrowser } from './browsers/open-browser.ts';
export {
  type BrowserOptions,
  type ConsoleEntry,
  ENGINES,
  type Engine,
  type PageOptions,
  type Supports,
  type TestBrowser,
  type TestPage,
  type Viewport,
} from './browsers/test-page.ts';
export { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from './chromium.ts';
export { eventually } from './eventually.ts';
export {
  buildFirmwareUploader,
  FIRMWARE_UPLOADER,
  runFirmwareUploader,
  type UploaderRun,
} from './firmware-uploader.ts';
export { makeLoopDir, writeFrameFolder } from './frame-folder.ts';
// What a viewer sees, and how to tell frames apart.
export { closestSource, grayThumb, meanAbsDiff, pixelDistance, SAME_FRAME } from './frame-match.ts';
export { type FrameOnAir, fetchFrameOnAir, type VariantOnAir, widestJpeg } from './frame-on-air.ts';
export { freePort } from './free-port.ts';
// What a camera sends.
export { legacyBody } from './legacy-body.ts';
// Load, waiting, ports, randomness.
export { describeLoad, type LoadOptions, type LoadResult, runLoad } from './load.ts';
// Reading a relay (or any process) from outside.
export { captureLogs, type LogCapture, type LogEntry } from './log-capture.ts';
export { type JpegOptions, makeJpeg } from './make-jpeg.ts';
export { getPointer } from './pointer.ts';
export { processTreeMemory } from './process-memory.ts';
export { metricSum, parseMetrics, readMetrics } from './prometheus.ts';
export { seededRandom } from './random.ts';
// Relays: one in this process, one as its own process.
export { exitWithin, type RelayProcess, type RelayProcessOptions, spawnRelay } from './relay-process.ts';
export { type ServedFile, type StaticSite, type StaticSiteOptions, serveStatic } from './static-server.ts';
export { startTestRelay, type TestRelay, TOKEN } from './test-relay.ts';
export { type CreatedUpload, createTusUpload } from './tus-creation.ts';
export { uploadWithTus } from './tus-upload.ts';
