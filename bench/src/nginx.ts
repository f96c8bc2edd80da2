/**
 * nginx from Debian, run with a config of our own on a loopback port: the static-file ceiling and the
 * CDN stand-in. Installed with apt-get when missing and running as root; otherwise its rows are skipped.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processTreeMemory } from '@porthole/testing';

const BINARY = '/usr/sbin/nginx';
const SERVICE_PID = '/run/nginx.pid';
/** One worker, like the relay's one event loop: the load generator needs the machine's other core. */
const WORKERS = 1;

/** The nginx binary, or the reason it cannot be had. */
export function ensureNginx(): { binary: string } | { skip: string } {
  if (existsSync(BINARY)) return { binary: BINARY };
  if (process.getuid?.() !== 0) return { skip: 'nginx is not installed and installing it needs root' };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const serviceWasRunning = existsSync(SERVICE_PID);
  const install = () =>
    execFileSync('apt-get', ['install', '-y', '-qq', 'nginx-light'], { env, stdio: 'pipe' });
  try {
    try {
      install();
    } catch {
      execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'pipe' });
      install();
    }
  } catch (error) {
    return { skip: `apt-get install nginx-light failed: ${(error as Error).message.split('\n')[0]}` };
  }
  if (!existsSync(BINARY)) return { skip: 'nginx-light installed but /usr/sbin/nginx is missing' };
  // Where the package's own service started on install (no policy-rc.d), stop it again: the bench only
  // wants the binary, and that server listens on port 80.
  if (!serviceWasRunning && existsSync(SERVICE_PID)) spawnSync(BINARY, ['-s', 'quit'], { stdio: 'ignore' });
  return { binary: BINARY };
}

export interface Nginx {
  url: string;
  /** Resident memory of the master and its workers, summed: now and each process's peak (VmHWM). */
  memory(): { rss: number; peak: number };
  /** Folder the config may serve static files from (`root`). */
  root: string;
  stop(): Promise<void>;
}

/** The http{} block's server part is the caller's; everything around it (paths, limits, logs) is here. */
export async function startNginx(
  binary: string,
  port: number,
  server: (dir: string) => string,
): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'porthole-bench-nginx-'));
  const root = join(dir, 'www');
  mkdirSync(root);
  // nginx's workers drop root for an unprivileged user, which must be able to read what it serves.
  chmodSync(dir, 0o755);
  const config = `
daemon off;
master_process on;
worker_processes ${WORKERS};
worker_rlimit_nofile 40000;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log error;
events { worker_connections 20000; multi_accept on; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  sendfile on;
  open_file_cache max=1000 inactive=60s;
  open_file_cache_valid 1s;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 10000000;
  server_tokens off;
  types { application/json json; image/avif avif; image/webp webp; image/jpeg jpg; }
  server {
    listen 127.0.0.1:${port};
    root ${root};
${server(dir)}
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), config);
  const child = spawn(binary, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // If this process dies (a failed bench), nginx must not outlive it; SIGTERM lets the master end its workers.
  const orphanGuard = () => child.kill('SIGTERM');
  process.once('exit', orphanGuard);
  await waitForPort(port, child);
  return {
    url: `http://127.0.0.1:${port}/`,
    memory: () => processTreeMemory(child.pid!),
    root,
    async stop() {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      process.off('exit', orphanGuard);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  for (let i = 0; i < 100; i++) {
    if (exited) throw new Error('nginx exited at start (see its error above)');
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${port}`);
}
