import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { wireClient } from '../src/wire-client.ts';

let url = '';
const server = createServer((req, res) => {
  if (req.headers['if-none-match'] === '"a"') return void res.writeHead(304, { ETag: '"a"' }).end();
  res.writeHead(200, { ETag: '"a"', 'Content-Length': 1000 }).end(Buffer.alloc(1000, 7));
});

before(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(() => new Promise<void>((done) => server.close(() => done())));

test('counts the status line and headers on top of the body, per response, on one kept-alive socket', async () => {
  const client = wireClient();
  const full = await client.get(url);
  const again = await client.get(url);
  const cached = await client.get(url, { 'If-None-Match': '"a"' });
  client.close();
  assert.equal(full.status, 200);
  assert.equal(full.body.length, 1000);
  assert.ok(full.wireBytes > 1000 && full.wireBytes < 1300, `200 took ${full.wireBytes} B`);
  assert.equal(again.wireBytes, full.wireBytes);
  assert.equal(cached.status, 304);
  assert.ok(cached.wireBytes > 50 && cached.wireBytes < 300, `304 took ${cached.wireBytes} B`);
});

test('a kept-alive socket the server drops as a request goes out is retried once, on a new one', async () => {
  const served = new WeakMap<object, number>();
  const dropping = createServer((req, res) => {
    const n = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, n);
    // The second request on a connection: close it unanswered, as a keep-alive timeout racing it would.
    if (n === 2) return void req.socket.destroy();
    res.writeHead(200, { 'Content-Length': 3 }).end('abc');
  });
  await new Promise<void>((done) => dropping.listen(0, '127.0.0.1', done));
  const at = `http://127.0.0.1:${(dropping.address() as AddressInfo).port}/`;
  const client = wireClient();
  try {
    assert.equal((await client.get(at)).body.toString(), 'abc');
    const again = await client.get(at);
    assert.equal(again.status, 200);
    assert.equal(again.body.toString(), 'abc');
  } finally {
    client.close();
    await new Promise<void>((done) => dropping.close(() => done()));
  }
});
