/**
 * `npm run soak`: the long load soak. PORTHOLE_SOAK_SECONDS (default 300), PORTHOLE_SOAK_POLLERS (2000),
 * PORTHOLE_SOAK_POLL_RATE (2 GET /frame per second per poller),
 * PORTHOLE_SOAK_CAMERA_MS (500), PORTHOLE_SOAK_SLOW (200 slowloris connections; runs of 70 s or more).
 */
import { describeSoak, runSoak, soakProblems } from './soak.ts';

const seconds = Number(process.env.PORTHOLE_SOAK_SECONDS ?? 300);
const options = {
  seconds,
  pollers: Number(process.env.PORTHOLE_SOAK_POLLERS ?? 2000),
  pollsPerSecond: Number(process.env.PORTHOLE_SOAK_POLL_RATE ?? 2),
  cameraIntervalMs: Number(process.env.PORTHOLE_SOAK_CAMERA_MS ?? 500),
  // The relay cuts slow headers after 10 s and slow requests after 30 s, checked every 30 s: a run needs
  // over a minute to see every slow connection cut.
  slowClients: seconds >= 70 ? Number(process.env.PORTHOLE_SOAK_SLOW ?? 200) : 0,
  sampleEveryMs: Math.max(1000, Math.round((seconds * 1000) / 120)),
};
console.log(`soak: ${JSON.stringify(options)}`);
// Ctrl-C: exit through 'exit' so the spawned relay is stopped too.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
const report = await runSoak(options);
console.log(describeSoak(report));
const problems = soakProblems(report);
for (const p of problems) console.error(`FAIL: ${p}`);
console.log(problems.length === 0 ? 'soak passed' : `soak failed: ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
