import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { eventually, startTestRelay } from '@porthole/testing';

/** Opens a connection, sends `bytes`, and resolves with what came back and when the relay closed it. */
function holdOpen(url: string, bytes: string, dripMs = 0): Promise<{ reply: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve) => {
    let reply = '';
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    // A slowloris client: one more header byte every so often, never finishing.
    const drip = dripMs > 0 ? setInterval(() => socket.writable && socket.write('X'), dripMs) : undefined;
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
    });
    socket.on('close', () => {
      clearInterval(drip);
      resolve({ reply, closedAfterMs: Date.now() - started });
    });
    socket.on('error', () => {});
  });
}

test('a client that never finishes its headers is cut after the headers timeout, not kept for ever', async () => {
  const relay = await startTestRelay();
  try {
    const { reply, closedAfterMs } = await holdOpen(
      relay.url,
      'GET /frame HTTP/1.1\r\nHost: x\r\nX-Slow: ',
      500,
    );
    assert.ok(closedAfterMs >= 9_000 && closedAfterMs < 13_000, `closed after ${closedAfterMs} ms`);
    assert.match(reply, /^HTTP\/1\.1 408|^$/);
    assert.equal((await fetch(new URL('healthz', relay.url))).status, 200, 'everyone else is still served');
  } finally {
    await relay.dispose();
  }
});

test('a request Node’s parser refuses gets a 400 and a log line', async () => {
  const relay = await startTestRelay({ logLevel: 'info' });
  try {
    const smuggle = 'POST /wave HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab';
    const { reply } = await holdOpen(relay.url, smuggle);
    assert.match(reply, /^HTTP\/1\.1 400 Bad Request/);
    const logged = await eventually(async () =>
      relay.logs.entries().find((l) => l.msg === 'malformed request refused'),
    ).catch(() => undefined);
    assert.ok(logged, 'a log line names the refusal');
    assert.equal(logged.level, 40);
  } finally {
    await relay.dispose();
  }
});
