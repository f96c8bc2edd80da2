import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseBytes, parseDuration } from '@porthole/protocol';
import { ConfigError, helpText, optionsFromCli, resolveConfig } from '../../src/config.ts';

const TOKEN = 'x'.repeat(20);

test('durations and sizes read the way people write them', () => {
  assert.equal(parseDuration('10s'), 10_000);
  assert.equal(parseDuration('1.5m'), 90_000);
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration(400), 400);
  assert.equal(parseDuration('ten seconds'), undefined);
  assert.equal(parseBytes('4MB'), 4 * 1024 * 1024);
  assert.equal(parseBytes('512kB'), 512 * 1024);
  assert.equal(parseBytes('12'), 12);
  assert.equal(parseBytes('lots'), undefined);
});

test('defaults come from the schema: a single machine with files under ./.porthole', () => {
  const config = resolveConfig({ token: TOKEN });
  assert.equal(config.port, 8787);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.dataDir, './.porthole');
  assert.equal(config.loopDir, './loop');
  assert.equal(config.offlineAfter, 10_000);
  assert.deepEqual(config.widths, [320, 640]);
  assert.ok(config.privacyWindows, 'privacy windows are on by default');
  assert.equal(config.maxUpload, 4 * 1024 * 1024);
});

test('flags win over PORTHOLE_* variables, which win over defaults', () => {
  const options = optionsFromCli(['--port', '9000', '--offline-after', '30s'], {
    PORTHOLE_PORT: '8000',
    PORTHOLE_HOST: '0.0.0.0',
    PORTHOLE_TOKEN: TOKEN,
    PORTHOLE_PRIVACY_WINDOWS: 'off',
  });
  const config = resolveConfig(options);
  assert.equal(config.port, 9000);
  assert.equal(config.host, '0.0.0.0');
  assert.equal(config.offlineAfter, 30_000);
  assert.equal(config.privacyWindows, null);
});

test('a bad value names the flag, the variable, what is accepted and what was given', () => {
  assert.throws(
    () => resolveConfig({ token: TOKEN, offlineAfter: 'soon' }),
    (error: Error) =>
      error instanceof ConfigError &&
      error.message ===
        'Invalid --offline-after / PORTHOLE_OFFLINE_AFTER: expected a duration like 10s or 30s; received "soon"',
  );
  assert.throws(() => resolveConfig({ token: TOKEN, port: '99999' }), /--port \/ PORTHOLE_PORT/);
  assert.throws(
    () => resolveConfig({ token: TOKEN, privacyWindows: 'sometimes' }),
    /expected on, off, or every=/,
  );
  assert.throws(
    () => resolveConfig({ token: TOKEN, masks: '0.5,0.5,2,1' }),
    /--masks .*x,y,w,h as fractions/,
  );
  assert.throws(() => optionsFromCli(['--colour', 'blue'], {}), /Unknown option '--colour'.*--help/);
});

test('ingest refuses to start without a token, or with a short one; a token file works', async () => {
  assert.throws(() => resolveConfig({}), /Missing token: set --token-file/);
  assert.throws(() => resolveConfig({ token: 'short' }), /at least 16 characters/);
  const dir = await mkdtemp(join(tmpdir(), 'porthole-token-'));
  await writeFile(join(dir, 'token'), `${TOKEN}\n`);
  assert.deepEqual(resolveConfig({ tokenFile: join(dir, 'token') }).tokens, [
    { name: 'default', scopes: ['ingest', 'control'], token: TOKEN },
  ]);
  assert.throws(() => resolveConfig({ tokenFile: join(dir, 'missing') }), /Cannot read --token-file/);
});

test('--help lists every setting with its variable and default', () => {
  const help = helpText();
  for (const flag of [
    '--port',
    '--host',
    '--data-dir',
    '--loop-dir',
    '--token-file',
    '--offline-after',
    '--privacy-windows',
    '--max-upload',
  ]) {
    assert.match(help, new RegExp(`${flag} +PORTHOLE_`));
  }
  assert.match(help, /--offline-after .*\(default 10s\)/);
});
