/** Splits argv into a command and its flags, with the flags the settings table declares. */
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { OptionsError, type RawSettings } from './options.ts';
import {
  flagOf,
  SETTING_NAMES,
  type SettingName,
  type SettingsCommand,
  setting,
  settingsOf,
} from './settings.ts';

export type Command = SettingsCommand | 'help';

export interface ParsedCommandLine {
  command: Command;
  flags: RawSettings;
}

/** parseArgs options by dashed flag name, plus --help / -h. */
const FLAGS: ParseArgsOptionsConfig = {
  ...Object.fromEntries(
    SETTING_NAMES.map((name) => [
      flagOf(name).slice(2),
      { type: setting(name).switch ? ('boolean' as const) : ('string' as const) },
    ]),
  ),
  help: { type: 'boolean', short: 'h' },
};

const NAME_OF_FLAG = new Map(SETTING_NAMES.map((name) => [flagOf(name).slice(2), name]));
const SEE_HELP = 'Run porthole-camera --help for the options.';

/** Splits argv into a command and its flags (as given: validation happens in options.ts). */
export function parseCommandLine(argv: string[]): ParsedCommandLine {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new OptionsError(`${(error as Error).message}\n${SEE_HELP}`);
  }
  const [first, ...rest] = parsed.positionals;
  if (rest.length > 0 || (first !== undefined && first !== 'record-loop' && first !== 'help')) {
    throw new OptionsError(
      `Expected no argument or "record-loop" but received "${parsed.positionals.join(' ')}"\n${SEE_HELP}`,
    );
  }
  const flags: RawSettings = {};
  for (const [flag, value] of Object.entries(parsed.values)) {
    const name = NAME_OF_FLAG.get(flag);
    if (name !== undefined) flags[name] = value as string | boolean;
  }
  if (parsed.values.help || first === 'help') return { command: 'help', flags };
  const command: SettingsCommand = first === 'record-loop' ? 'record-loop' : 'upload';
  const allowed = new Set<string>(settingsOf(command));
  const misplaced = Object.keys(flags).filter((name) => !allowed.has(name));
  if (misplaced.length > 0) {
    const names = misplaced.map((name) => flagOf(name as SettingName));
    // record-loop used to read the relay's GET /latest; say why it no longer takes a relay.
    const why =
      command === 'record-loop' && misplaced.includes('relay')
        ? "\nrecord-loop records the source's raw frames (--synthetic, --dir or --device), never the relay's public ones"
        : '';
    throw new OptionsError(
      `${names.join(', ')} ${names.length === 1 ? 'does' : 'do'} not apply to ${command === 'upload' ? 'uploading' : 'record-loop'}${why}`,
    );
  }
  return { command, flags };
}
