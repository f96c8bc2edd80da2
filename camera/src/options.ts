/**
 * The camera's one configuration schema. Values come from flags, then `PORTHOLE_*`
 * environment variables, then the defaults written here; a bad value stops the CLI with
 * "Expected <what> for <setting> but received <value>".
 */

import { parseDuration } from '@porthole/protocol';
import { z } from 'zod';

/** Where frames come from. */
export type FrameSourceChoice =
  | { kind: 'synthetic' }
  | { kind: 'dir'; dir: string }
  | { kind: 'device'; device: string };

/** Where the bearer token comes from; the file is read after validation. */
export type TokenChoice = { kind: 'value'; token: string } | { kind: 'file'; path: string };

/** Raw settings as strings, before validation; `undefined` means "not given". */
export type RawSettings = Record<string, string | boolean | undefined>;

/** Which flag and environment variable feed each setting, for merging and for error messages. */
export const SETTINGS = {
  relay: { flag: '--relay', env: 'PORTHOLE_RELAY_URL' },
  token: { flag: '--token', env: 'PORTHOLE_TOKEN' },
  tokenFile: { flag: '--token-file', env: 'PORTHOLE_TOKEN_FILE' },
  interval: { flag: '--interval', env: 'PORTHOLE_INTERVAL' },
  count: { flag: '--count', env: 'PORTHOLE_CAMERA_COUNT' },
  dir: { flag: '--dir', env: 'PORTHOLE_CAMERA_DIR' },
  device: { flag: '--device', env: 'PORTHOLE_CAMERA_DEVICE' },
  synthetic: { flag: '--synthetic', env: undefined },
  frames: { flag: '--frames', env: 'PORTHOLE_LOOP_FRAMES' },
  out: { flag: '--out', env: 'PORTHOLE_LOOP_OUT' },
} as const;

export type SettingName = keyof typeof SETTINGS;

/** A string setting parsed by `parse`; on failure the issue message names what was expected. */
function parsed<T>(what: string, parse: (text: string) => T | undefined) {
  return z.string().transform((text, ctx): T => {
    const value = parse(text);
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: what });
      return z.NEVER;
    }
    return value;
  });
}

function relayUrl(text: string): string | undefined {
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Endpoints are resolved relative to the base, so it must end in a slash.
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

function wholeNumber(min: number, max: number) {
  return (text: string) => {
    const n = Number(text);
    return Number.isInteger(n) && n >= min && n <= max && text.trim() !== '' ? n : undefined;
  };
}

function durationBetween(min: number, max: number) {
  return (text: string) => {
    const ms = parseDuration(text);
    return ms !== undefined && ms >= min && ms <= max ? ms : undefined;
  };
}

const relay = parsed('an http(s) URL such as http://127.0.0.1:8787/', relayUrl).prefault(
  'http://127.0.0.1:8787/',
);
const interval = parsed('a duration from 100ms to 1h, such as 2s', durationBetween(100, 3_600_000)).prefault(
  '2s',
);
const nonEmpty = (what: string) => parsed(what, (text) => (text.trim() === '' ? undefined : text));

export const uploadSchema = z.object({
  relay,
  interval,
  /** Stop after this many successful uploads; 0 runs until stopped. */
  count: parsed('a whole number from 0 up (0 = forever)', wholeNumber(0, Number.MAX_SAFE_INTEGER)).prefault(
    '0',
  ),
  token: nonEmpty('a non-empty token').optional(),
  tokenFile: nonEmpty('a path to a file holding the token').optional(),
  dir: nonEmpty('a folder of images').optional(),
  device: nonEmpty('a video device such as /dev/video0').optional(),
  synthetic: z.boolean().optional(),
});

export const recordLoopSchema = z.object({
  relay,
  interval,
  frames: parsed('a whole number of frames from 1 to 999', wholeNumber(1, 999)).prefault('24'),
  out: nonEmpty('a folder to write the frames into').prefault('./loop-recorded'),
});

export interface UploadOptions {
  relay: string;
  interval: number;
  count: number;
  tokenChoice: TokenChoice;
  source: FrameSourceChoice;
}

export type RecordLoopOptions = z.output<typeof recordLoopSchema>;

/** Thrown for any bad or missing setting; the message is meant for the terminal as is. */
export class OptionsError extends Error {
  override name = 'OptionsError';
}

/** Flags win over environment variables; absent both, the schema's default applies. */
export function mergeSettings(flags: RawSettings, env: NodeJS.ProcessEnv, names: SettingName[]): RawSettings {
  const merged: RawSettings = {};
  for (const name of names) {
    const envName = SETTINGS[name].env;
    merged[name] = flags[name] ?? (envName ? env[envName] : undefined);
  }
  return merged;
}

function describeSetting(name: string): string {
  const setting = SETTINGS[name as SettingName];
  if (!setting) return name;
  return setting.env ? `${setting.flag} (${setting.env})` : setting.flag;
}

function validate<S extends z.ZodType>(schema: S, raw: RawSettings): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    return `Expected ${issue.message} for ${describeSetting(name)} but received ${JSON.stringify(raw[name])}`;
  });
  throw new OptionsError(lines.join('\n'));
}

/** Exactly one source: flags first, then the environment, else the synthetic scene. */
function chooseSource(flags: RawSettings, env: NodeJS.ProcessEnv): FrameSourceChoice {
  const given = (['dir', 'device', 'synthetic'] as const).filter((name) => flags[name] !== undefined);
  if (given.length > 1) {
    throw new OptionsError(
      `Expected one source but received ${given.map((name) => SETTINGS[name].flag).join(' and ')}`,
    );
  }
  const source = validate(uploadSchema.pick({ dir: true, device: true }), {
    dir: flags.dir ?? (given.length === 0 ? env.PORTHOLE_CAMERA_DIR : undefined),
    device:
      flags.device ??
      (given.length === 0 && !env.PORTHOLE_CAMERA_DIR ? env.PORTHOLE_CAMERA_DEVICE : undefined),
  });
  if (source.dir) return { kind: 'dir', dir: source.dir };
  if (source.device) return { kind: 'device', device: source.device };
  return { kind: 'synthetic' };
}

/** The token: --token, then --token-file, then PORTHOLE_TOKEN, then PORTHOLE_TOKEN_FILE. */
function chooseToken(flags: RawSettings, env: NodeJS.ProcessEnv): TokenChoice {
  const fromFlags = flags.token !== undefined || flags.tokenFile !== undefined;
  const raw = fromFlags
    ? { token: flags.token, tokenFile: flags.tokenFile }
    : { token: env.PORTHOLE_TOKEN, tokenFile: env.PORTHOLE_TOKEN_FILE };
  const { token, tokenFile } = validate(uploadSchema.pick({ token: true, tokenFile: true }), raw);
  if (token) return { kind: 'value', token };
  if (tokenFile) return { kind: 'file', path: tokenFile };
  throw new OptionsError(
    'Expected a token for --token (PORTHOLE_TOKEN) or --token-file (PORTHOLE_TOKEN_FILE) but received none: ' +
      'the relay refuses uploads without it',
  );
}

/** Validates the settings of the default (upload) command. */
export function resolveUploadOptions(flags: RawSettings, env: NodeJS.ProcessEnv): UploadOptions {
  const { relay, interval, count } = validate(
    uploadSchema.pick({ relay: true, interval: true, count: true }),
    mergeSettings(flags, env, ['relay', 'interval', 'count']),
  );
  return {
    relay,
    interval,
    count,
    tokenChoice: chooseToken(flags, env),
    source: chooseSource(flags, env),
  };
}

/** Validates the settings of `record-loop`. */
export function resolveRecordLoopOptions(flags: RawSettings, env: NodeJS.ProcessEnv): RecordLoopOptions {
  return validate(recordLoopSchema, mergeSettings(flags, env, ['relay', 'interval', 'frames', 'out']));
}
