/**
 * Every setting the camera takes, in one table: flag (from the key), environment variable, help
 * line, default and how its text is read. The flag parser, the zod schemas and `--help` are all
 * generated from it, so they cannot drift apart.
 */
import { z } from 'zod';
import {
  durationBetween,
  flagSwitch,
  nonEmpty,
  optional,
  relayUrl,
  wholeNumber,
  withDefault,
} from './setting-readers.ts';

/** Where `--help` lists a setting; it also decides which command the setting applies to. */
export type Section = 'source' | 'shared' | 'upload' | 'record-loop';
export type SettingsCommand = 'upload' | 'record-loop';

/**
 * Both commands take their frames from the same source. Only uploading talks to a relay: a loop
 * is recorded from the camera's raw frames, never from anything the relay made public.
 */
export const SECTION_COMMANDS: Record<Section, readonly SettingsCommand[]> = {
  source: ['upload', 'record-loop'],
  shared: ['upload', 'record-loop'],
  upload: ['upload'],
  'record-loop': ['record-loop'],
};

/** One row of the table, as the parser and `--help` read it. */
export interface Setting {
  section: Section;
  /** What the setting is, in a few words, for `--help`. */
  help: string;
  /** The placeholder `--help` shows after the flag; absent for a switch. */
  value?: string;
  env?: string;
  /** As a person would type it; the schema applies it when neither flag nor variable is given. */
  default: string | undefined;
  /** Shown by `--help` instead of the default where there is none to show. */
  defaultHelp?: string;
  /** A flag without a value, such as `--synthetic`. */
  switch?: true;
  schema: z.ZodType;
}

const interval = durationBetween('100ms', '1h', '2s');

/** The table; a setting's flag is its key, dashed. */
export const SETTINGS = {
  synthetic: {
    section: 'source',
    help: 'a generated study corner: someone at the desk, then nobody',
    ...flagSwitch,
  },
  dir: {
    section: 'source',
    value: 'DIR',
    env: 'PORTHOLE_CAMERA_DIR',
    help: 'the images in DIR (.jpg .png .webp) in name order, looping',
    ...optional(nonEmpty('a folder of images')),
  },
  device: {
    section: 'source',
    value: 'DEV',
    env: 'PORTHOLE_CAMERA_DEVICE',
    help: 'a webcam or video device through ffmpeg, e.g. /dev/video0',
    ...optional(nonEmpty('a video device such as /dev/video0')),
  },
  interval: {
    section: 'shared',
    value: 'DURATION',
    env: 'PORTHOLE_INTERVAL',
    help: `time between frames (${interval.range})`,
    ...withDefault(interval, '2s'),
  },
  relay: {
    section: 'upload',
    value: 'URL',
    env: 'PORTHOLE_RELAY_URL',
    help: 'relay base URL',
    ...withDefault(
      { accepts: 'an http(s) URL such as http://127.0.0.1:8787/', read: relayUrl },
      'http://127.0.0.1:8787/',
    ),
  },
  token: {
    section: 'upload',
    value: 'TOKEN',
    env: 'PORTHOLE_TOKEN',
    help: 'bearer token',
    defaultHelp: 'required (or a token file)',
    ...optional(nonEmpty('a non-empty token')),
  },
  tokenFile: {
    section: 'upload',
    value: 'FILE',
    env: 'PORTHOLE_TOKEN_FILE',
    help: 'file holding the token',
    ...optional(nonEmpty('a path to a file holding the token')),
  },
  count: {
    section: 'upload',
    value: 'N',
    env: 'PORTHOLE_CAMERA_COUNT',
    help: 'stop after N uploads (0 = forever)',
    ...withDefault(wholeNumber(0, Number.MAX_SAFE_INTEGER, 'a whole number from 0 up (0 = forever)'), '0'),
  },
  frames: {
    section: 'record-loop',
    value: 'N',
    env: 'PORTHOLE_LOOP_FRAMES',
    help: 'frames to record',
    ...withDefault(wholeNumber(1, 999, 'a whole number of frames from 1 to 999'), '24'),
  },
  out: {
    section: 'record-loop',
    value: 'DIR',
    env: 'PORTHOLE_LOOP_OUT',
    help: 'folder to write into',
    ...withDefault(nonEmpty('a folder to write the frames into'), './loop-recorded'),
  },
} satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;

/** The row of a name, seen through the common shape (the table's own types are per row). */
export function setting(name: SettingName): Setting {
  return SETTINGS[name];
}

export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** `tokenFile` → `--token-file`. */
export function flagOf(name: SettingName): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** How errors name a setting: `--interval (PORTHOLE_INTERVAL)`. */
export function describeSetting(name: SettingName): string {
  const { env } = setting(name);
  return env ? `${flagOf(name)} (${env})` : flagOf(name);
}

/** The settings a command takes, in table order. */
export function settingsOf(command: SettingsCommand): SettingName[] {
  return SETTING_NAMES.filter((name) => SECTION_COMMANDS[setting(name).section].includes(command));
}

/** A zod object of the named settings, typed per row. */
export function schemaOf<K extends SettingName>(names: readonly K[]) {
  const shape = Object.fromEntries(names.map((name) => [name, SETTINGS[name].schema]));
  return z.object(shape as { [P in K]: (typeof SETTINGS)[P]['schema'] });
}
