import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestRelay, type TestRelay, TOKEN } from '@porthole/testing';

// A visitor behind the owner's reverse proxy: the proxy connects from loopback but says who it forwards.
const VISITOR = { 'X-Forwarded-For': '203.0.113.9' };
const OWNER = { ...VISITOR, Authorization: `Bearer ${TOKEN}` };

describe("the owner's details", () => {
  let relay: TestRelay;
  before(async () => {
    relay = await startTestRelay();
  });
  after(() => relay.dispose());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(new URL(path, relay.url), { headers });

  test('/metrics answers a visitor 401, the control token or this machine 200', async () => {
    assert.equal((await get('metrics', VISITOR)).status, 401);
    assert.equal((await get('metrics', { ...VISITOR, Via: '1.1 caddy' })).status, 401);
    assert.equal((await get('metrics', OWNER)).status, 200);
    assert.equal((await get('metrics')).status, 200, 'loopback, no proxy in between');
  });

  test('/status tells a visitor what the pointer tells, and the owner upload times and privacy windows', async () => {
    const visitor = (await (await get('status', VISITOR)).json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(visitor).sort(), ['mode', 'seq', 'variants', 'viewers', 'waves']);
    const response = await get('status', OWNER);
    assert.equal(response.headers.get('vary'), 'Authorization');
    const owner = (await response.json()) as Record<string, unknown>;
    assert.ok(Array.isArray(owner.lastUploads));
    assert.deepEqual(Object.keys(owner.privacy as object).sort(), [
      'closedSeamlessly',
      'nextDueAt',
      'opened',
      'state',
    ]);
    assert.ok('privacy' in ((await (await get('status')).json()) as object), 'loopback is the owner');
  });

  test('a browser may send the token to /status from another origin (preflight)', async () => {
    const preflight = await fetch(new URL('status', relay.url), {
      method: 'OPTIONS',
      headers: { Origin: 'https://site.example', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  });
});
