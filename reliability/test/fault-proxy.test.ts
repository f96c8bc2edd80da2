import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { eventually } from '@porthole/testing';
import { describeFault, plannedCuts, randomFaults } from '../src/fault-plan.ts';
import { type Fault, startFaultProxy } from '../src/fault-proxy.ts';

/** A TCP server that records what each connection sent and answers every connection with `reply`. */
async function recordingServer(reply: Buffer) {
  const received: Buffer[][] = [];
  const closed = new Set<number>();
  const server: Server = createServer((socket) => {
    const chunks: Buffer[] = [];
    const index = received.push(chunks) - 1;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => closed.add(index));
    socket.on('error', () => {});
    socket.end(reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    received: (i: number) => Buffer.concat(received[i] ?? []),
    /** Connection `i` has ended on the server's side: everything forwarded to it has been read. */
    closed: (i: number) => closed.has(i),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Send `payload` through the proxy, read until the connection ends; report what came back and how. */
async function exchange(port: number, payload: Buffer) {
  const socket: Socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  let error: string | undefined;
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', (e: NodeJS.ErrnoException) => {
    error = e.code;
  });
  const started = performance.now();
  socket.write(payload);
  // Not events.once: it rejects on 'error', and a reset is an expected outcome here.
  await new Promise((resolve) => socket.on('close', resolve));
  return { body: Buffer.concat(chunks), error, ms: performance.now() - started };
}

const payload = Buffer.from(Array.from({ length: 50_000 }, (_, i) => i % 251));
const reply = Buffer.from(Array.from({ length: 30_000 }, (_, i) => (i * 7) % 253));

describe('fault proxy', () => {
  let target: Awaited<ReturnType<typeof recordingServer>>;
  before(async () => {
    target = await recordingServer(reply);
  });
  after(() => target.close());

  async function through(fault: Fault | undefined, connection = 0) {
    const proxy = await startFaultProxy({
      target: { host: '127.0.0.1', port: target.port },
      plan: () => fault,
    });
    try {
      const result = await exchange(proxy.port, payload);
      // The server may still be reading what was forwarded just before the close.
      await eventually(async () => target.closed(connection), 2_000);
      return { ...result, stats: proxy.stats, sent: target.received(connection) };
    } finally {
      await proxy.close();
    }
  }

  let connection = 0;
  test('an intact connection carries every byte both ways', async () => {
    const result = await through(undefined, connection++);
    // The server ends its side after replying, so the request may be only partly read; what arrived is a prefix.
    assert.ok(payload.subarray(0, result.sent.length).equals(result.sent));
    assert.ok(result.body.equals(reply));
    assert.equal(result.stats.connections, 1);
  });

  test('a cut upstream delivers exactly the bytes before the offset, then closes', async () => {
    const result = await through({ kind: 'cut', direction: 'up', afterBytes: 12_345 }, connection++);
    assert.equal(result.sent.length, 12_345);
    assert.ok(result.sent.equals(payload.subarray(0, 12_345)));
    assert.equal(result.stats.fired.cut, 1);
  });

  test('a cut downstream hands the client a response short by the exact offset', async () => {
    const result = await through({ kind: 'cut', direction: 'down', afterBytes: 777 }, connection++);
    assert.ok(result.body.equals(reply.subarray(0, 777)));
    assert.equal(result.error, undefined, 'a cut is a clean close, not a reset');
  });

  test('a cut at offset 0 drops the connection before a single byte', async () => {
    const result = await through({ kind: 'cut', direction: 'down', afterBytes: 0 }, connection++);
    assert.equal(result.body.length, 0);
  });

  test('a reset tears the connection down with RST', async () => {
    const result = await through({ kind: 'reset', direction: 'down', afterBytes: 100 }, connection++);
    assert.equal(result.error, 'ECONNRESET');
    assert.ok(result.body.length <= 100);
    assert.equal(result.stats.fired.reset, 1);
  });

  test('a stall holds the bytes for its time, then delivers all of them in order', async () => {
    const result = await through(
      { kind: 'stall', direction: 'down', afterBytes: 1000, forMs: 300 },
      connection++,
    );
    assert.ok(result.body.equals(reply));
    assert.ok(result.ms >= 290, `${result.ms} ms`);
  });

  test('a trickle slows the link to its chunk rate and still delivers every byte', async () => {
    const result = await through(
      { kind: 'trickle', direction: 'down', afterBytes: 10_000, chunkBytes: 2000, everyMs: 20 },
      connection++,
    );
    assert.ok(result.body.equals(reply));
    // 20 000 bytes after the offset at 2000 per 20 ms: at least 9 pauses.
    assert.ok(result.ms >= 180, `${result.ms} ms`);
  });

  test('random plans are deterministic per seed and per connection, and honour the mix', () => {
    const options = { mix: { cut: 0.2, reset: 0.1, stall: 0.1, trickle: 0.1 }, maxOffset: 5000 } as const;
    const a = randomFaults({ seed: 7, ...options });
    const b = randomFaults({ seed: 7, ...options });
    const c = randomFaults({ seed: 8, ...options });
    const list = (plan: typeof a) => Array.from({ length: 400 }, (_, i) => describeFault(plan(i)));
    assert.deepEqual(list(a), list(b));
    assert.notDeepEqual(list(a), list(c));
    // Connection 10's fault does not depend on whether connections 0–9 were asked for first.
    assert.equal(describeFault(randomFaults({ seed: 7, ...options })(10)), list(a)[10]);
    const intact = list(a).filter((d) => d === 'intact').length / 400;
    assert.ok(intact > 0.4 && intact < 0.6, `share intact ${intact}`);
    assert.ok(list(a).every((d) => d === 'intact' || Number(/after (\d+)/.exec(d)?.[1]) <= 5000));
    assert.throws(() => randomFaults({ seed: 1, mix: { cut: 0.8, reset: 0.5 }, maxOffset: 1 }), /at most 1/);
  });

  test('a planned script of cuts applies one per connection, in order, then leaves connections intact', () => {
    const plan = plannedCuts([{ up: 120 }, undefined, { down: 20 }]);
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => describeFault(plan(i))),
      ['cut up after 120 B', 'intact', 'cut down after 20 B', 'intact'],
    );
  });

  test('refuses to forward anywhere but loopback', async () => {
    await assert.rejects(
      startFaultProxy({ target: 'http://192.168.1.10:8787/' }),
      /Expected a loopback host .* but received 192\.168\.1\.10/,
    );
    await assert.rejects(startFaultProxy({ target: { host: 'example.com', port: 80 } }), /loopback/);
  });
});
