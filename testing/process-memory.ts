/** Memory of a process tree, read from /proc (Linux). */
import { readdirSync, readFileSync } from 'node:fs';

/** VmRSS and VmHWM of a process and its direct children, summed, in bytes. */
export function processTreeMemory(pid: number): { rss: number; peak: number } {
  const pids = [pid];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  let rss = 0;
  let peak = 0;
  for (const p of pids) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
      rss += kb('VmRSS') * 1024;
      peak += kb('VmHWM') * 1024;
    } catch {
      // Gone: counts nothing.
    }
  }
  return { rss, peak };
}
