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
