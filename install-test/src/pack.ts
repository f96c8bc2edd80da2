/**
 * Build the published packages and pack them as `npm publish` would, into a folder of tarballs.
 * The build is the root `npm run build` (incremental: seconds when nothing changed).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run.ts';
import { REPO_ROOT } from './user-env.ts';

export const PUBLISHED = [
  '@porthole/protocol',
  '@porthole/relay',
  '@porthole/camera',
  '@porthole/astro',
] as const;
export type PublishedName = (typeof PUBLISHED)[number];

export interface Packed {
  dir: string;
  /** Absolute path of each package's tarball. */
  tarballs: Record<PublishedName, string>;
}

export async function packPublished(): Promise<Packed> {
  const options = { cwd: REPO_ROOT, env: process.env, timeoutMs: 180_000 };
  await run('npm', ['run', 'build'], options);
  const dir = await mkdtemp(join(tmpdir(), 'porthole-packs-'));
  const workspaces = PUBLISHED.flatMap((name) => ['-w', name]);
  // The build just ran, so the prepack build is skipped.
  const { stdout } = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', dir, ...workspaces],
    options,
  );
  const entries = JSON.parse(stdout) as { name: PublishedName; filename: string }[];
  const tarballs = Object.fromEntries(entries.map((e) => [e.name, join(dir, e.filename)]));
  return { dir, tarballs: tarballs as Packed['tarballs'] };
}
