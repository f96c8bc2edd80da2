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

/** Every setting: [schema, help, default as a user would type it]. Flag and env names derive from the key. */
const SETTINGS = {
  port: [z.coerce.number().int().min(0).max(65535), 'TCP port to listen on (0 = any free port)', '8787'],
  host: [z.string().min(1), 'address to bind; put a reverse proxy in front for the internet', '127.0.0.1'],
  dataDir: [z.string().min(1), 'where uploads, published frames and state live', './.porthole'],
  loopDir: [z.string().min(1), 'folder of JPEG/PNG/WebP frames played when not live', './loop'],
  token: [
    z.string().min(16, 'expected at least 16 characters').optional(),
    'bearer token (prefer --token-file)',
    undefined,
  ],
  tokenFile: [
    z.string().min(1).optional(),
    'file holding the bearer token for uploads and control',
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

/** Validated relay configuration (token resolved from `token` or `tokenFile`). */
export type RelayConfig = Omit<z.output<typeof schema>, 'tokenFile'> & { token: string };
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
      return `Invalid ${flagName(key)} / ${envName(key)}: ${issue.message}; received ${JSON.stringify(given)}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const { tokenFile, ...config } = parsed.data;
  const token = tokenFile ? readToken(tokenFile) : config.token;
  if (!token) {
    throw new ConfigError(
      'Missing token: set --token-file / PORTHOLE_TOKEN_FILE or PORTHOLE_TOKEN (at least 16 characters); ' +
        'ingest refuses to start without one. Generate one with: openssl rand -hex 24',
    );
  }
  return { ...config, token };
}

function readToken(file: string): string {
  let token: string;
  try {
    token = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new ConfigError(
      `Cannot read --token-file / PORTHOLE_TOKEN_FILE ${file}: ${(error as Error).message}`,
    );
  }
  if (token.length < 16)
    throw new ConfigError(`The token in ${file} is too short: expected at least 16 characters`);
  return token;
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
