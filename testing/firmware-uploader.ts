/** The firmware's uploader, host build (firmware/build/porthole-upload): build it, run it, collect what it prints. */
import { execFile, spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const FIRMWARE = fileURLToPath(new URL('../firmware/', import.meta.url));
export const FIRMWARE_UPLOADER = fileURLToPath(new URL('../firmware/build/porthole-upload', import.meta.url));

export interface UploaderRun {
  code: number | null;
  lines: string[];
  stderr: string;
}

/**
 * `make host` in firmware/. Rejects with the compiler's own words when it cannot build: a firmware that
 * does not compile is a failure, never a reason to skip.
 */
export async function buildFirmwareUploader(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    execFile('make', ['-s', '-C', FIRMWARE, 'host'], { timeout: 180_000 }, (error, _out, stderr) =>
      error
        ? reject(new Error(`make -C firmware host failed: ${stderr.trim() || error.message}`))
        : resolve(),
    );
  });
  await access(FIRMWARE_UPLOADER).catch(() => {
    throw new Error(`${FIRMWARE_UPLOADER} is missing after make`);
  });
}

/** Starts the uploader with `args` and resolves when it exits; kills it after `timeoutMs`. */
export function runFirmwareUploader(args: string[], timeoutMs = 60_000): Promise<UploaderRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(FIRMWARE_UPLOADER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, lines: stdout.split('\n').filter(Boolean), stderr });
    });
  });
}
