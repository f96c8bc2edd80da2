/**
 * The camera against a real relay on a loopback port: uploads, waves, a refused token,
 * a connection dropped mid-upload, and the CLI stopping on Ctrl-C. (record-loop needs no relay:
 * see record-loop.test.ts.)
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getPointer, startTestRelay, type TestRelay, TOKEN } from '@porthole/testing';
import sharp from 'sharp';
import { runCamera } from '../src/run-camera.ts';
import { openSyntheticSource } from '../src/sources/synthetic-source.ts';
import type { CameraLog } from '../src/terminal-log.ts';
import { uploadFrame } from '../src/upload/upload-frame.ts';

const BIN = join(import.meta.dirname, '../bin/porthole-camera.js');

function silentLog(lines: string[] = []): CameraLog {
  const push = (...parts: unknown[]) => lines.push(parts.join(' '));
  return { started: push, progress() {}, uploaded: push, resuming: push, failed: push, info: push };
}

/** A noisy photo-sized JPEG (over 1 MB), so an upload spans several tus chunks. */
async function largeJpeg(): Promise<Buffer> {
  const noise = randomBytes(1200 * 900 * 3);
  return sharp(noise, { raw: { width: 1200, height: 900, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/**
 * A TCP proxy in front of the relay that cuts the first PATCH request after a few kilobytes,
 * like Wi-Fi dropping in the middle of a chunk.
 */
async function flakyProxy(
  target: URL,
): Promise<{ url: string; cuts: () => number; methods: string[]; close: () => void }> {
  let cuts = 0;
  const methods: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let patchBytes = -1;
    client.on('data', (chunk: Buffer) => {
      // Connections are kept alive, so a PATCH can start anywhere in the connection's life.
      const method = /^(POST|HEAD|PATCH|OPTIONS|DELETE) /.exec(chunk.subarray(0, 8).toString())?.[1];
      if (method) methods.push(method);
      if (patchBytes < 0 && cuts === 0 && method === 'PATCH') patchBytes = 0;
      if (patchBytes >= 0) patchBytes += chunk.length;
      if (patchBytes > 32 * 1024) {
        cuts++;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    cuts: () => cuts,
    methods,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

describe('camera against a real relay', () => {
  let relay: TestRelay;

  before(async () => {
    relay = await startTestRelay({ offlineAfter: '10s' });
  });

  after(() => relay.dispose());

  it('uploads synthetic frames that the relay publishes as live', async () => {
    const before = await getPointer(relay.url);
    const summary = await runCamera({
      relay: relay.url,
      token: TOKEN,
      intervalMs: 150,
      count: 3,
      source: openSyntheticSource(),
      log: silentLog(),
    });
    assert.deepEqual({ uploaded: summary.uploaded, failed: summary.failed }, { uploaded: 3, failed: 0 });
    await relay.idle();
    const after = await getPointer(relay.url);
    assert.equal(after.mode, 'live');
    assert.ok(after.seq > before.seq, `seq ${before.seq} -> ${after.seq}`);
  });

  it('reports the waves visitors sent since the previous upload', async () => {
    const source = openSyntheticSource();
    await uploadFrame(await source.next(), { relay: relay.url, token: TOKEN });
    for (let i = 0; i < 2; i++) {
      const wave = await fetch(new URL('wave', relay.url), { method: 'POST' });
      assert.ok(wave.ok, `wave answered ${wave.status}`);
    }
    const lines: string[] = [];
    const summary = await runCamera({
      relay: relay.url,
      token: TOKEN,
      intervalMs: 100,
      count: 2,
      source,
      log: silentLog(lines),
    });
    assert.equal(summary.waves, 2, lines.join('\n'));
  });

  it('says the relay refused a wrong token and does not retry the frame', async () => {
    const resumes: string[] = [];
    const frame = await openSyntheticSource().next();
    await assert.rejects(
      uploadFrame(
        frame,
        { relay: relay.url, token: 'wrong-token-wrong-token' },
        { onResume: (a) => resumes.push(String(a)) },
      ),
      /relay answered 401.*check --token/,
    );
    assert.deepEqual(resumes, []);
  });

  it('resumes a frame when the connection drops in the middle of a chunk', async () => {
    const proxy = await flakyProxy(new URL(relay.url));
    try {
      const bytes = await largeJpeg();
      const resumes: string[] = [];
      const before = await getPointer(relay.url);
      const result = await uploadFrame(
        { bytes, type: 'image/jpeg', name: 'large.jpg' },
        { relay: proxy.url, token: TOKEN, retryDelays: [50, 100, 200] },
        { onResume: (_attempt, _delay, reason) => resumes.push(reason) },
      );
      assert.equal(proxy.cuts(), 1, 'the proxy cut one PATCH');
      assert.equal(resumes.length, 1, resumes.join('\n'));
      // Resumed, not restarted: one creation, then HEAD asks the offset and PATCH sends the rest.
      assert.equal(proxy.methods.filter((m) => m === 'POST').length, 1, proxy.methods.join(' '));
      assert.ok(proxy.methods.includes('HEAD'), proxy.methods.join(' '));
      assert.equal(result.bytes, bytes.length);
      await relay.idle();
      assert.ok((await getPointer(relay.url)).seq > before.seq, 'the resumed frame was published');
    } finally {
      proxy.close();
    }
  });

  it('runs as a CLI and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, '--relay', relay.url, '--interval', '200ms', '--synthetic'], {
      env: { ...process.env, PORTHOLE_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 15_000;
    while (!output.includes('#2 uploaded') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    assert.match(output, /#2 uploaded synthetic-000001\.jpg/, output);
    child.kill('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise((r) => setTimeout(() => r('timeout'), 5_000).unref()),
    ]);
    assert.equal(code, 0, output);
    assert.match(output, /stopped: \d+ uploaded, 0 failed/);
  });
});
