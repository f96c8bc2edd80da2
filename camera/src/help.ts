/** `porthole-camera --help`, generated from the settings table; only the prose around it is written here. */
import { flagOf, SETTING_NAMES, type Section, type SettingName, setting } from './settings.ts';

const SECTION_TITLES: Record<Section, string> = {
  source: 'Sources, for both commands (pick one; the synthetic scene is the default)',
  shared: 'Options of both commands',
  upload: 'Upload options',
  'record-loop':
    "record-loop options: saves N of the source's raw frames, one per interval, as\n" +
    'frame-000.jpg … (never from the relay), ready for porthole-relay --loop-dir',
};

const FLAG_WIDTH = Math.max(...SETTING_NAMES.map((name) => flagWithValue(name).length));

function flagWithValue(name: SettingName): string {
  const { value } = setting(name);
  return value ? `${flagOf(name)} ${value}` : flagOf(name);
}

/** What a setting is on the flag's line; its variable and default, if any, on the line below. */
function describe(name: SettingName): string {
  const { help, env, default: fallback, defaultHelp } = setting(name);
  const shownDefault = defaultHelp ?? (fallback === undefined ? undefined : `default ${fallback}`);
  const details = [env, shownDefault].filter(Boolean).join(', ');
  const indent = ' '.repeat(2 + FLAG_WIDTH + 2);
  return `  ${flagWithValue(name).padEnd(FLAG_WIDTH)}  ${help}${details ? `\n${indent}${details}` : ''}`;
}

function section(name: Section): string {
  const names = SETTING_NAMES.filter((settingName) => setting(settingName).section === name);
  return [SECTION_TITLES[name], ...names.map(describe)].join('\n');
}

export const HELP = `porthole-camera: a software camera for a Porthole relay

Usage
  porthole-camera [source] [options]               upload a frame every interval
  porthole-camera record-loop [source] [options]   record a loop from the source's raw frames

${(['source', 'shared', 'upload', 'record-loop'] as const).map(section).join('\n\n')}

Flags win over environment variables, which win over defaults.
Uploads use tus: a dropped connection is resumed (after 0, 1, 3 and 5 s); if the relay stays
unreachable the camera keeps trying with a growing pause (up to 30 s). Waves from visitors,
reported by the relay after each upload, are printed. Ctrl-C stops.

Examples
  porthole-camera --synthetic --relay http://127.0.0.1:8787/ --token-file ~/.porthole-token
  porthole-camera --dir ./frames --interval 5s --token "$TOKEN"
  porthole-camera record-loop --device /dev/video0 --frames 30 --out ./loop
`;
