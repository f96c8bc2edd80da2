/** @porthole/testing: what every browser test in the repository needs, in one place. */
export { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from './chromium.ts';
export { freePort } from './free-port.ts';
export { seededRandom } from './random.ts';
export { type StaticSite, serveStatic } from './static-server.ts';
