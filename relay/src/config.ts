/**
 * The relay's settings: one table, one zod schema. Flags win over `PORTHOLE_*` environment variables,
 * which win over the defaults in the schema. A bad value stops start-up naming the setting.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseBytes, parseDuration } from '@porthole/protocol';
import { z } from 'zod';
import { parseMasks } from './pipeline/masks.ts';
import { parsePrivacyWindows } from './pipeline/privacy-schedule.ts';
import { parseExcludedHours } from './recordings/timelapse-schedule.ts';

const duration = (example: string) =>
  z.union([z.string(), z.number()]).transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === undefined) ctx.addIssue({ code: 'custom', message: `expected a duration like ${example}` });
    return ms ?? 0;
  });

const bytes = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const size = parseBytes(value);
  if (size === undefined || size === 0)
    ctx.addIssue({ code: 'custom', message: 'expected a size like 4MB or 512kB' });
  return size ?? 0;
});

const flag = z.union([z.boolean(), z.enum(['true', 'false', 'on', 'off', '1', '0'])]).transform((v) => {
  return v === true || v === 'true' || v === 'on' || v === '1';
});

const rate = z.string().transform((value, ctx) => {
  const [count, per] = value.split('/');
  const window = per ? parseDuration(/^\d/.test(per) ? per : `1${per}`) : undefined;
  if (!count || !/^\d+$/.test(count) || !window) {
    ctx.addIssue({ code: 'custom', message: 'expected a rate like 5/m or 20/10s' });
    return { count: 0, windowMs: 1 };
  }
  return { count: Number(count), windowMs: window };
});

const widths = z.union([z.string(), z.array(z.number())]).transform((value, ctx) => {
  const list = typeof value === 'string' ? value.split(',').map((w) => Number(w.trim())) : value;
  if (list.length === 0 || list.some((w) => !Number.isInteger(w) || w < 16 || w > 4096)) {
    ctx.addIssue({ code: 'custom', message: 'expected comma-separated pixel widths between 16 and 4096' });
  }
  return [...new Set(list)].sort((a, b) => a - b);
});

const masks = z.union([z.string(), z.array(z.any())]).transform((value, ctx) => {
  const result = parseMasks(value);
  if (typeof result === 'string') ctx.addIssue({ code: 'custom', message: result });
  return typeof result === 'string' ? [] : result;
});

const privacy = z.string().transform((value, ctx) => {
  const result = parsePrivacyWindows(value);
  if (typeof result === 'string') ctx.addIssue({ code: 'custom', message: result });
  return typeof result === 'string' ? null : result;
});

const days = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const match = typeof value === 'string' ? /^\s*(\d+)\s*d\s*$/.exec(value) : null;
  const ms = match ? Number(match[1]) * 86_400_000 : parseDuration(value);
  if (!ms) ctx.addIssue({ code: 'custom', message: 'expected a period like 30d or 48h' });
  return ms ?? 0;
});

const hours = z.string().transform((value, ctx) => {
  const result = parseExcludedHours(value);
  if (typeof result === 'string') ctx.addIssue({ code: 'custom', message: result });
  return typeof result === 'string' ? new Set<number>() : result;
});

/** What a token may do: `ingest` uploads frames (cameras), `control` pauses and resumes (the owner). */
export const SCOPES = ['ingest', 'control'] as const;
export type Scope = (typeof SCOPES)[number];

const secret = z
  .string()
  .min(16, 'expected at least 16 characters')
  .regex(/^\S+$/, 'expected no spaces in the token');

/** One line of the token file, already split into its three fields. Messages never quote a field: any may be a token. */
const tokenLine = z.object({
  name: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/,
      'expected a name of up to 32 letters, digits, ".", "_" or "-"',
    ),
  scopes: z.string().transform((text, ctx) => {
    const scopes = text.split(',');
    if (!scopes.every((scope) => (SCOPES as readonly string[]).includes(scope)))
      ctx.addIssue({ code: 'custom', message: 'expected scopes ingest, control or ingest,control' });
    return [...new Set(scopes)] as Scope[];
  }),
  token: secret,
});

/** A named, scoped bearer token: a line of the token file, or `default` with every scope from --token. */
export type TokenEntry = z.output<typeof tokenLine>;

/** Every setting: [schema, help, default as a user would type it]. Flag and env names derive from the key. */
const SETTINGS = {
  port: [z.coerce.number().int().min(0).max(65535), 'TCP port to listen on (0 = any free port)', '8787'],
  host: [z.string().min(1), 'address to bind; put a reverse proxy in front for the internet', '127.0.0.1'],
  dataDir: [z.string().min(1), 'where uploads, published frames and state live', './.porthole'],
  loopDir: [z.string().min(1), 'folder of JPEG/PNG/WebP frames played when not live', './loop'],
  token: [secret.optional(), 'one bearer token with every scope (prefer --token-file)', undefined],
  tokenFile: [
    z.string().min(1).optional(),
    'file of named, scoped tokens ("name scopes token" per line); reloaded on change and SIGHUP',
    undefined,
  ],
  offlineAfter: [duration('10s or 30s'), 'no frame for this long means the camera is offline', '10s'],
  interval: [duration('2s'), 'the camera’s upload interval; paces the loop and poll hints', '2s'],
  privacyWindows: [privacy, 'random windows that play the loop: on, off, or every=2h,for=2m-8m', 'on'],
  maxUpload: [bytes, 'largest accepted upload', '4MB'],
  maxPixels: [z.coerce.number().int().positive(), 'largest accepted frame, in pixels', '16777216'],
  maxDimension: [z.coerce.number().int().positive(), 'largest accepted width or height', '4096'],
  widths: [widths, 'widths of the published variants, comma-separated', '320,640'],
  grayscale: [flag, 'publish grayscale frames', 'true'],
  video: [flag, 'also publish frames as AV1 video chunks (GET /video/<seq>), beside the stills', 'true'],
  hls: [flag, 'publish what visitors see as a live HLS stream (GET /hls/live.m3u8)', 'on'],
  hlsSegment: [duration('6s'), 'length of an HLS segment, rounded to whole camera intervals', '6s'],
  hlsWindow: [z.coerce.number().int().min(3).max(100), 'segments listed in the live HLS playlist', '10'],
  timelapse: [flag, 'record the day’s frames into daily timelapses (GET /timelapse/index.json)', 'on'],
  timelapseLength: [duration('1m'), 'how long a whole day plays (at 24 frames a second)', '1m'],
  timelapseRetention: [days, 'finished timelapses older than this are deleted', '30d'],
  recordingsDisk: [bytes, 'disk the HLS window and the timelapses may use together', '1GB'],
  recordingsExcludeHours: [hours, 'local hours never recorded into timelapses, e.g. 22-7 or 0-6,13', ''],
  masks: [masks, 'privacy masks: x,y,w,h[:blur|fill] as fractions of the frame, ; separated', ''],
  history: [z.coerce.number().int().min(1).max(1000), 'published frames kept on disk', '20'],
  uploadExpiry: [duration('10m'), 'unfinished uploads older than this are deleted', '10m'],
  waveRate: [rate, 'waves accepted per visitor address', '5/m'],
  waveGlobalRate: [rate, 'waves accepted in total', '120/m'],
  authFailRate: [rate, 'failed token checks tolerated per address before 429', '20/m'],
  trustProxy: [flag, 'take the visitor address from X-Forwarded-For (only behind your own proxy)', 'false'],
  logLevel: [z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'log level', 'info'],
  logFormat: [z.enum(['auto', 'json', 'pretty']), 'json, pretty, or auto (pretty on a terminal)', 'auto'],
} as const;

type Settings = typeof SETTINGS;
type Key = keyof Settings;
const KEYS = Object.keys(SETTINGS) as Key[];

// Defaults go through the same parsing as user input (zod's prefault), so "10s" means the same everywhere.
const schema = z.object(
  Object.fromEntries(
    KEYS.map((key) => {
      const [setting, , fallback] = SETTINGS[key];
      return [key, fallback === undefined ? setting : (setting as z.ZodType).prefault(fallback)];
    }),
  ) as unknown as { [K in Key]: Settings[K][0] },
);

/** Validated relay configuration: the tokens come from `tokenFile` (kept, to reload it) or `token`. */
export type RelayConfig = Omit<z.output<typeof schema>, 'token' | 'tokenFile'> & {
  tokens: TokenEntry[];
  tokenFile?: string;
};
/** What a caller may pass to `startRelay`: any setting, in its typed or string form. */
export type RelayOptions = { [K in Key]?: z.input<Settings[K][0]> };

const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
const envName = (key: string) => `PORTHOLE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

export class ConfigError extends Error {}

/** Validate options (already merged from flags, env and code) into a RelayConfig or throw a ConfigError. */
export function resolveConfig(options: RelayOptions): RelayConfig {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const given = (options as Record<string, unknown>)[key];
      // A token is never repeated back, not even a wrong one.
      const shown = key === 'token' ? `${String(given).length} characters` : JSON.stringify(given);
      return `Invalid ${flagName(key)} / ${envName(key)}: ${issue.message}; received ${shown}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const { token, tokenFile, ...config } = parsed.data;
  if (tokenFile) return { ...config, tokens: readTokenFile(tokenFile), tokenFile };
  if (token) return { ...config, tokens: [{ name: 'default', scopes: [...SCOPES], token }] };
  throw new ConfigError(
    'Missing token: set --token-file / PORTHOLE_TOKEN_FILE or PORTHOLE_TOKEN (at least 16 characters); ' +
      'ingest refuses to start without one. Generate one with: openssl rand -hex 24',
  );
}

/** Read and validate the token file; a ConfigError names the file and the line (never a token). */
export function readTokenFile(file: string): TokenEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Cannot read --token-file / PORTHOLE_TOKEN_FILE ${file}: ${(error as Error).message}`,
    );
  }
  const parsed = parseTokenFile(text);
  if (typeof parsed === 'string')
    throw new ConfigError(`Invalid --token-file / PORTHOLE_TOKEN_FILE ${file}: ${parsed}`);
  return parsed;
}

/**
 * The token file: `<name> <scopes> <token>` per line, whitespace-separated; blank lines and lines starting
 * with `#` are ignored. A file that is one bare token (the original format) is `default` with every scope.
 * Returns the entries, or a message naming each bad line.
 */
export function parseTokenFile(text: string): TokenEntry[] | string {
  const lines = text
    .split(/\r?\n/)
    .map((line, index) => ({ number: index + 1, fields: line.trim().split(/\s+/) }))
    .filter(({ fields }) => fields[0] !== '' && !fields[0]!.startsWith('#'));
  if (lines.length === 0) return 'no tokens in it; expected lines like "desk-cam ingest <token>"';
  const only = lines.length === 1 ? lines[0]!.fields : undefined;
  if (only?.length === 1) {
    const bare = secret.safeParse(only[0]);
    if (!bare.success) return `line ${lines[0]!.number}: token: ${bare.error.issues[0]!.message}`;
    return [{ name: 'default', scopes: [...SCOPES], token: bare.data }];
  }
  const problems: string[] = [];
  const entries: (TokenEntry & { line: number })[] = [];
  for (const { number, fields } of lines) {
    const [name, scopes, token] = fields;
    const entry = tokenLine.safeParse({ name, scopes, token });
    const earlier = entry.success
      ? entries.find((e) => e.name === entry.data.name || e.token === entry.data.token)
      : undefined;
    if (fields.length !== 3) {
      const bare = fields.length === 1 ? ' (a bare token is only allowed alone in the file)' : '';
      problems.push(
        `line ${number}: expected "<name> <scopes> <token>", found ${fields.length} fields${bare}`,
      );
    } else if (!entry.success) {
      problems.push(
        ...entry.error.issues.map((issue) => `line ${number}: ${String(issue.path[0])}: ${issue.message}`),
      );
    } else if (earlier) {
      const what = earlier.name === entry.data.name ? 'name' : 'token';
      problems.push(`line ${number}: ${what}: the same as on line ${earlier.line}; each must be unique`);
    } else {
      entries.push({ ...entry.data, line: number });
    }
  }
  // A token in the name column (fields swapped) would be logged: names are, tokens never.
  const tokens = new Set(entries.map((e) => e.token));
  for (const e of entries)
    if (tokens.has(e.name))
      problems.push(`line ${e.line}: name: it is also a token; are the fields swapped?`);
  return problems.length > 0 ? problems.join('; ') : entries.map(({ line: _, ...entry }) => entry);
}

/** Merge command-line flags over `PORTHOLE_*` environment variables. Unknown flags throw a ConfigError. */
export function optionsFromCli(argv: string[], env: NodeJS.ProcessEnv): RelayOptions {
  const options: Record<string, string | boolean> = {};
  for (const key of KEYS) {
    const value = env[envName(key)];
    if (value !== undefined && value !== '') options[key] = value;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(KEYS.map((key) => [flagName(key).slice(2), { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}. Run porthole-relay --help for the list of settings.`);
  }
  for (const [flag, value] of Object.entries(parsed.values)) {
    const key = flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (value !== undefined) options[key] = value as string;
  }
  return options as RelayOptions;
}

/** The --help text, generated from the settings table so it never drifts. */
export function helpText(): string {
  const rows = KEYS.map((key) => {
    const [, help, fallback] = SETTINGS[key];
    const shown = fallback === undefined ? '' : ` (default ${fallback === '' ? 'none' : fallback})`;
    return `  ${flagName(key).padEnd(20)} ${envName(key).padEnd(28)} ${help}${shown}`;
  });
  return [
    'porthole-relay: resumable camera ingest, frame pipeline and delivery API',
    '',
    'Usage: porthole-relay [flags]',
    '',
    'Every setting is a flag or a PORTHOLE_* environment variable; flags win over the environment.',
    '',
    ...rows,
    `  ${'--help'.padEnd(49)} show this help`,
  ].join('\n');
}
