/** What the run was measured on: written into the report next to every figure. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  nginx: string | null;
  chromium: string | null;
  loadAverage: string;
}

export function machineInfo(): MachineInfo {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim(),
    node: process.version,
    nginx: version('/usr/sbin/nginx', ['-v']),
    chromium: version('/usr/bin/chromium', ['--version']),
    loadAverage: loadAverage(),
  };
}

/** 1, 5 and 15-minute load averages: other work on the machine shows here. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function version(binary: string, args: string[]): string | null {
  // nginx prints its version on stderr, Chromium on stdout.
  // Debian's chromium wrapper may also print shell noise on stderr: keep the line that names a version.
  const run = spawnSync(binary, args, { encoding: 'utf8' });
  const line = `${run.stdout ?? ''}\n${run.stderr ?? ''}`
    .split('\n')
    .find((l) => /version|Chromium \d/i.test(l));
  return run.status === 0 && line ? line.trim() : null;
}
