import { parseArgs } from 'node:util';
import { OptionsError, type RawSettings } from './options.ts';

export type Command = 'upload' | 'record-loop' | 'help';

export interface ParsedCommandLine {
  command: Command;
  flags: RawSettings;
}

const FLAGS = {
  relay: { type: 'string' },
  token: { type: 'string' },
  'token-file': { type: 'string' },
  interval: { type: 'string' },
  count: { type: 'string' },
  dir: { type: 'string' },
  device: { type: 'string' },
  synthetic: { type: 'boolean' },
  frames: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const UPLOAD_ONLY = ['token', 'tokenFile', 'count', 'dir', 'device', 'synthetic'];
const RECORD_ONLY = ['frames', 'out'];

function camelCase(flag: string): string {
  return flag.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
}

/** Splits argv into a command and its flags (as given: validation happens in options.ts). */
export function parseCommandLine(argv: string[]): ParsedCommandLine {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new OptionsError(`${(error as Error).message}\nRun porthole-camera --help for the options.`);
  }
  const [first, ...rest] = parsed.positionals;
  if (rest.length > 0 || (first !== undefined && first !== 'record-loop' && first !== 'help')) {
    throw new OptionsError(
      `Expected no argument or "record-loop" but received "${parsed.positionals.join(' ')}"\n` +
        'Run porthole-camera --help for the options.',
    );
  }
  const flags: RawSettings = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (name !== 'help') flags[camelCase(name)] = value;
  }
  if (parsed.values.help || first === 'help') return { command: 'help', flags };
  const command: Command = first === 'record-loop' ? 'record-loop' : 'upload';
  const misplaced = Object.keys(flags).filter((name) =>
    (command === 'upload' ? RECORD_ONLY : UPLOAD_ONLY).includes(name),
  );
  if (misplaced.length > 0) {
    const names = misplaced.map((name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    throw new OptionsError(
      `${names.join(', ')} ${names.length === 1 ? 'does' : 'do'} not apply to ${command === 'upload' ? 'uploading' : 'record-loop'}`,
    );
  }
  return { command, flags };
}
