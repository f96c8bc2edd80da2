/** The firmware's uploader, host build (firmware/build/porthole-upload): build it if needed, run it once. */
import { execFile, spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const FIRMWARE = fileURLToPath(new URL('../../firmware', import.meta.url));
export const FIRMWARE_UPLOADER = `${FIRMWARE}/build/porthole-upload`;

/**
 * Make sure the host uploader exists (`make host` in firmware/). Resolves with undefined when it is
 * ready, or with the reason it cannot be built here (no compiler, a build error), for a clear skip.
 */
export async function buildFirmwareUploader(): Promise<string | undefined> {
  const made = await new Promise<string | undefined>((resolve) => {
    execFile('make', ['-s', '-C', FIRMWARE, 'host'], { timeout: 120_000 }, (error, _out, stderr) =>
      resolve(error ? `make -C firmware host failed: ${stderr.trim() || error.message}` : undefined),
    );
  });
  if (made) return made;
  return access(FIRMWARE_UPLOADER).then(
    () => undefined,
    () => `${FIRMWARE_UPLOADER} is missing after make`,
  );
}

export interface UploaderRun {
  code: number | null;
  lines: string[];
  stderr: string;
}

/** Run the uploader with `args` until it exits (killed after `timeoutMs`). */
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
