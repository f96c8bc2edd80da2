/**
 * Turns raw flags and `PORTHOLE_*` environment variables into validated options, with the
 * schemas of the settings table: flags win over variables, which win over the table's defaults.
 * A bad value stops the CLI with "Expected <what> for <setting> but received <value>".
 */
import { resolve } from 'node:path';
import type { z } from 'zod';
import { describeSetting, flagOf, SETTINGS, type SettingName, schemaOf, setting } from './settings.ts';

/** Where frames come from. */
export type FrameSourceChoice =
  | { kind: 'synthetic' }
  | { kind: 'dir'; dir: string }
  | { kind: 'device'; device: string };

/** Where the bearer token comes from; the file is read after validation. */
export type TokenChoice = { kind: 'value'; token: string } | { kind: 'file'; path: string };

/** Raw settings as strings, before validation; `undefined` means "not given". */
export type RawSettings = Record<string, string | boolean | undefined>;

export interface UploadOptions {
  relay: string;
  interval: number;
  count: number;
  tokenChoice: TokenChoice;
  source: FrameSourceChoice;
}

const RECORD_LOOP = ['interval', 'frames', 'out'] as const;
const recordLoopSchema = schemaOf(RECORD_LOOP);

/** A loop is recorded from the source's raw frames, the same source uploading uses; no relay. */
export type RecordLoopOptions = z.output<typeof recordLoopSchema> & { source: FrameSourceChoice };

/** Thrown for any bad or missing setting; the message is meant for the terminal as is. */
export class OptionsError extends Error {
  override name = 'OptionsError';
}

/** Flags win over environment variables; absent both, the schema's default applies. */
export function mergeSettings(
  flags: RawSettings,
  env: NodeJS.ProcessEnv,
  names: readonly SettingName[],
): RawSettings {
  const merged: RawSettings = {};
  for (const name of names) {
    const envName = setting(name).env;
    merged[name] = flags[name] ?? (envName ? env[envName] : undefined);
  }
  return merged;
}

function validate<S extends z.ZodType>(schema: S, raw: RawSettings): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    const label = name in SETTINGS ? describeSetting(name as SettingName) : name;
    return `Expected ${issue.message} for ${label} but received ${JSON.stringify(raw[name])}`;
  });
  throw new OptionsError(lines.join('\n'));
}

/** Exactly one source: flags first, then the environment, else the synthetic scene. */
function chooseSource(flags: RawSettings, env: NodeJS.ProcessEnv): FrameSourceChoice {
  const given = (['dir', 'device', 'synthetic'] as const).filter((name) => flags[name] !== undefined);
  if (given.length > 1) {
    throw new OptionsError(`Expected one source but received ${given.map(flagOf).join(' and ')}`);
  }
  const dirFromEnv = given.length === 0 ? env[SETTINGS.dir.env] : undefined;
  const source = validate(schemaOf(['dir', 'device']), {
    dir: flags.dir ?? dirFromEnv,
    device: flags.device ?? (given.length === 0 && !dirFromEnv ? env[SETTINGS.device.env] : undefined),
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
    : { token: env[SETTINGS.token.env], tokenFile: env[SETTINGS.tokenFile.env] };
  const { token, tokenFile } = validate(schemaOf(['token', 'tokenFile']), raw);
  if (token) return { kind: 'value', token };
  if (tokenFile) return { kind: 'file', path: tokenFile };
  throw new OptionsError(
    `Expected a token for ${describeSetting('token')} or ${describeSetting('tokenFile')} but received none: ` +
      'the relay refuses uploads without it',
  );
}

/** Validates the settings of the default (upload) command. */
export function resolveUploadOptions(flags: RawSettings, env: NodeJS.ProcessEnv): UploadOptions {
  const names = ['relay', 'interval', 'count'] as const;
  const { relay, interval, count } = validate(schemaOf(names), mergeSettings(flags, env, names));
  return {
    relay,
    interval,
    count,
    tokenChoice: chooseToken(flags, env),
    source: chooseSource(flags, env),
  };
}

/** Validates the settings of `record-loop`: its own, and the source, chosen as for uploading. */
export function resolveRecordLoopOptions(flags: RawSettings, env: NodeJS.ProcessEnv): RecordLoopOptions {
  const { interval, frames, out } = validate(recordLoopSchema, mergeSettings(flags, env, RECORD_LOOP));
  const source = chooseSource(flags, env);
  // The folder source re-reads its folder at each wrap: it would start playing the loop being written.
  if (source.kind === 'dir' && resolve(source.dir) === resolve(out)) {
    throw new OptionsError(
      `Expected another folder than ${describeSetting('dir')} for ${describeSetting('out')} but received ${JSON.stringify(out)}`,
    );
  }
  return { interval, frames, out, source };
}
