/** Runs the host build of the firmware's uploader (build/porthole-upload) and collects what it prints. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const UPLOADER = fileURLToPath(new URL('../build/porthole-upload', import.meta.url));

export interface UploaderRun {
  code: number | null;
  lines: string[];
  stderr: string;
}

/** Starts the uploader with `args` and resolves when it exits; kills it after `timeoutMs`. */
export function runUploader(args: string[], timeoutMs = 60_000): Promise<UploaderRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(UPLOADER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
