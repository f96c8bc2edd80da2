/**
 * The watcher's settings: the short preset (`npm test`) and the long one (`npm run watcher`), each
 * overridable by `WATCHER_*` environment variables and, for the CLI, flags of the same name.
 */
import { LOOP_KINDS, type LoopKind } from './footage/loop-recording.ts';
import type { WatchOptions } from './watch-relay.ts';

export interface WatcherSettings extends Omit<WatchOptions, 'onProgress'> {
  binMs: number;
}

export const SHORT: WatcherSettings = {
  seed: 1,
  intervalMs: 300,
  // Short windows, long gaps: enough windows and enough time between them in under four minutes.
  privacyWindows: 'every=12s,for=2s-4s,still=2s',
  offlineAfterMs: 2_000,
  loop: 'recorded',
  loopFrames: 24,
  minMs: 180_000,
  minWindows: 12,
  // Windows open only in a still room: on a busy machine they come slower, so watch longer if needed.
  maxMs: 360_000,
  outages: [],
  binMs: 2_000,
};

export const LONG: WatcherSettings = {
  ...SHORT,
  privacyWindows: 'every=12s,for=3s-8s,still=2s',
  minMs: 600_000,
  minWindows: 40,
  maxMs: 1_800_000,
  // Halfway through, the camera drops out long enough for the relay to show the loop, marked offline.
  outages: [{ fromMs: 300_000, toMs: 310_000 }],
  binMs: 2_500,
};

/** Each setting: its flag (also `WATCHER_<FLAG>` in the environment) and how to read it. */
const FIELDS = {
  seed: ['seed', integer],
  intervalMs: ['interval-ms', integer],
  privacyWindows: ['privacy-windows', text],
  offlineAfterMs: ['offline-after-ms', integer],
  loop: ['loop', loopKind],
  loopFrames: ['loop-frames', integer],
  minMs: ['seconds', seconds],
  minWindows: ['windows', integer],
  maxMs: ['max-seconds', seconds],
  binMs: ['bin-ms', integer],
} as const;

export const FLAGS = Object.values(FIELDS).map(([flag]) => flag);

/** `base` with every setting found in `flags` (CLI) or the environment replaced, checked. */
export function readSettings(
  base: WatcherSettings,
  flags: Record<string, string | undefined> = {},
  env: NodeJS.ProcessEnv = process.env,
): WatcherSettings {
  const settings: WatcherSettings = { ...base };
  for (const [key, [flag, parse]] of Object.entries(FIELDS)) {
    const value = flags[flag] ?? env[`WATCHER_${flag.toUpperCase().replaceAll('-', '_')}`];
    if (value !== undefined) (settings as unknown as Record<string, unknown>)[key] = parse(flag, value);
  }
  if (settings.maxMs < settings.minMs) settings.maxMs = settings.minMs;
  return settings;
}

function integer(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`Expected a whole number for --${flag} but received ${value}`);
  return n;
}

function seconds(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`Expected seconds for --${flag} but received ${value}`);
  return Math.round(n * 1000);
}

function text(flag: string, value: string): string {
  if (value.trim() === '') throw new Error(`Expected a value for --${flag} but received nothing`);
  return value;
}

function loopKind(flag: string, value: string): LoopKind {
  if (!(LOOP_KINDS as readonly string[]).includes(value))
    throw new Error(`Expected ${LOOP_KINDS.join(' or ')} for --${flag} but received ${value}`);
  return value as LoopKind;
}
