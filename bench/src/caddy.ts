/**
 * Caddy in front of a relay on loopback, speaking HTTP/2 over TLS with its own local CA (`tls internal`),
 * the way the repository's Caddyfile deploys it. For the bench only: its certificate is trusted by nobody.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@porthole/testing';

export interface Caddy {
  url: string;
  stop(): Promise<void>;
}

/** The caddy binary, or why there is none. */
export function findCaddy(): { binary: string } | { skip: string } {
  try {
    execFileSync('caddy', ['version'], { stdio: 'pipe' });
    return { binary: 'caddy' };
  } catch {
    return { skip: 'caddy is not installed (apt-get install caddy)' };
  }
}

export async function startCaddy(binary: string, port: number, upstream: URL): Promise<Caddy> {
  const dir = mkdtempSync(join(tmpdir(), 'porthole-caddy-'));
  const caddyfile = join(dir, 'Caddyfile');
  writeFileSync(
    caddyfile,
    `{
	admin off
	local_certs
	skip_install_trust
	auto_https disable_redirects
}
https://127.0.0.1:${port} {
	tls internal
	reverse_proxy ${upstream.host} {
		flush_interval -1
	}
}
`,
  );
  const child: ChildProcess = spawn(binary, ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
    env: { ...process.env, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, HOME: dir },
    stdio: 'ignore',
  });
  const listening = () =>
    new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        done(true);
      });
      socket.on('error', () => done(false));
    });
  await eventually(listening, 15_000);
  return {
    url: `https://127.0.0.1:${port}/`,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(undefined)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
