/**
 * `npm start`: the whole of Porthole on this machine. Starts a relay (temporary data folder,
 * fresh token), the software camera uploading a synthetic scene, and the demo site in Astro's
 * dev server; prints where to look; Ctrl-C stops all three.
 *
 * Ports: PORTHOLE_PORT (relay, 8787) and PORTHOLE_SITE_PORT (site, 4321).
 */
import { randomBytes } from 'node:crypto';
import { realpathSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { banner } from './start/banner.ts';
import { type RunningChild, startChild } from './start/child.ts';
import { portClashes } from './start/ports.ts';
import { complain, say } from './start/terminal.ts';
import { waitForHttp } from './start/wait-for.ts';

const ROOT = join(import.meta.dirname, '..');
const HOST = '127.0.0.1';
const STOP_GRACE_MS = 5_000;
/** Stopping waits for the site and the camera, then the relay; past this, whatever is left is killed. */
const STOP_DEADLINE_MS = 3 * STOP_GRACE_MS;
/** The camera prints a line per upload; after the first few, show one in this many (and all waves). */
const CAMERA_ECHO_EVERY = 30;

function portFrom(name: string, fallback: number): number {
  const text = process.env[name];
  const port = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    complain(`Expected a port from 1 to 65535 for ${name} but received ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return port;
}

/** The real path of an npm bin, so it runs under this Node (24), not whatever `env node` finds. */
function binPath(name: string): string {
  return realpathSync(join(ROOT, 'node_modules/.bin', name));
}

function relayLineWorthShowing(line: string): boolean {
  try {
    return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 40; // pino: 40 warn, 50 error
  } catch {
    return line.trim() !== '';
  }
}

function cameraLineWorthShowing(line: string): boolean {
  const upload = /#(\d+) uploaded/.exec(line);
  if (!upload) return true; // start, errors, resumes, stop
  const seq = Number(upload[1]);
  return seq <= 3 || seq % CAMERA_ECHO_EVERY === 0 || line.includes('wave');
}

function siteLineWorthShowing(line: string, stream: 'stdout' | 'stderr'): boolean {
  return stream === 'stderr' || /error|\[warn\]/i.test(line);
}

async function main(): Promise<void> {
  const relayPort = portFrom('PORTHOLE_PORT', 8787);
  const sitePort = portFrom('PORTHOLE_SITE_PORT', 4321);
  const clashes = await portClashes(
    [
      { port: relayPort, what: 'the relay', env: 'PORTHOLE_PORT' },
      { port: sitePort, what: 'the demo site', env: 'PORTHOLE_SITE_PORT' },
    ],
    HOST,
  );
  if (clashes.length > 0) {
    for (const clash of clashes) complain(clash);
    process.exit(1);
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'porthole-demo-'));
  const token = randomBytes(24).toString('hex');
  const tokenFile = join(dataDir, 'token');
  await writeFile(tokenFile, `${token}\n`, { mode: 0o600 });
  const relayUrl = `http://${HOST}:${relayPort}/`;
  const siteUrl = `http://${HOST}:${sitePort}/`;
  const logs = {
    relay: join(dataDir, 'relay.log'),
    camera: join(dataDir, 'camera.log'),
    site: join(dataDir, 'site.log'),
  };

  const children: RunningChild[] = [];
  let stopping = false;

  async function stopAll(exitCode: number): Promise<never> {
    stopping = true;
    setTimeout(() => {
      for (const child of children) child.kill();
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(exitCode || 1);
    }, STOP_DEADLINE_MS).unref();
    say('\nstopping…');
    // The site and the camera first, so the relay sees its clients leave; then the relay.
    const first = children.filter((child) => child.name !== 'relay');
    const results = await Promise.all(
      first.map(async (child) => [child, await child.stop(STOP_GRACE_MS)] as const),
    );
    const relay = children.find((child) => child.name === 'relay');
    if (relay) results.push([relay, await relay.stop(STOP_GRACE_MS)]);
    for (const [child, how] of results) say(`stopped ${child.name} (pid ${child.pid}, ${how})`);
    await rm(dataDir, { recursive: true, force: true });
    process.exit(exitCode);
  }

  // First Ctrl-C: stop everything gracefully. Another one later while that runs: kill them all
  // now. One within a second is the same Ctrl-C relayed by npm (or a shell that exec'd us).
  let firstSignalAt = 0;
  const onSignal = () => {
    if (!stopping) {
      firstSignalAt = Date.now();
      void stopAll(0);
      return;
    }
    if (Date.now() - firstSignalAt < 1_000) return;
    for (const child of children) child.kill();
    process.exit(130);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

  const watch = (child: RunningChild) => {
    children.push(child);
    void child.exited.then((how) => {
      if (stopping) return;
      complain(
        `[${child.name}] stopped unexpectedly (${how}); its log: ${logs[child.name as keyof typeof logs]}`,
      );
      void stopAll(1);
    });
    return child;
  };
  const exitedEarly = (child: RunningChild) => () =>
    child.process.exitCode !== null || child.process.signalCode !== null
      ? `${child.name} exited while starting; see ${logs[child.name as keyof typeof logs]}`
      : undefined;

  try {
    say(`starting the relay on ${relayUrl} …`);
    const relay = watch(
      startChild({
        name: 'relay',
        command: process.execPath,
        args: [
          binPath('porthole-relay'),
          ['--port', String(relayPort)],
          ['--host', HOST],
          ['--data-dir', join(dataDir, 'relay')],
          ['--loop-dir', join(ROOT, 'loop')],
          ['--token-file', tokenFile],
          ['--log-format', 'json'],
        ].flat(),
        cwd: ROOT,
        env: process.env,
        logFile: logs.relay,
        show: relayLineWorthShowing,
      }),
    );
    await waitForHttp(`${relayUrl}healthz`, 60_000, exitedEarly(relay));

    say('starting the software camera …');
    watch(
      startChild({
        name: 'camera',
        command: process.execPath,
        args: [
          binPath('porthole-camera'),
          '--synthetic',
          '--relay',
          relayUrl,
          '--token-file',
          tokenFile,
          '--interval',
          '2s',
        ],
        cwd: ROOT,
        env: process.env,
        logFile: logs.camera,
        show: cameraLineWorthShowing,
      }),
    );

    say(`starting the demo site on ${siteUrl} (Astro dev server) …`);
    const site = watch(
      startChild({
        name: 'site',
        command: process.execPath,
        args: [binPath('astro'), 'dev', '--port', String(sitePort), '--host', HOST],
        cwd: join(ROOT, 'demo-site'),
        env: { ...process.env, PORTHOLE_RELAY_URL: relayUrl, ASTRO_TELEMETRY_DISABLED: '1' },
        logFile: logs.site,
        show: siteLineWorthShowing,
      }),
    );
    await waitForHttp(siteUrl, 120_000, exitedEarly(site));
  } catch (error) {
    complain(`could not start: ${(error as Error).message}`);
    await stopAll(1);
  }

  say(banner({ siteUrl, relayUrl, token, tokenFile, dataDir, logs }));
}

await main();
