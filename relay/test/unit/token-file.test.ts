import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { ConfigError, parseTokenFile, readTokenFile, resolveConfig } from '../../src/config.ts';
import { tokenTable } from '../../src/http/auth.ts';
import { createLogger } from '../../src/log.ts';

const DESK = 'desk0123456789abcdef0123456789ab';
const OWNER = 'owner123456789abcdef0123456789ab';

/** Fails if `message` quotes any of the secrets. */
function assertNoSecret(message: string, ...secrets: string[]) {
  for (const secret of secrets) assert.ok(!message.includes(secret), `"${message}" quotes a token`);
}

describe('the token file', () => {
  test('holds one named, scoped token per line, with comments and blank lines', () => {
    const text = `# cameras\ndesk-cam  ingest  ${DESK}\n\n  # the owner, from the phone\nowner control,ingest ${OWNER}\n`;
    assert.deepEqual(parseTokenFile(text), [
      { name: 'desk-cam', scopes: ['ingest'], token: DESK },
      { name: 'owner', scopes: ['control', 'ingest'], token: OWNER },
    ]);
  });

  test('a file that is just one bare token (the original format) is "default" with every scope', () => {
    assert.deepEqual(parseTokenFile(`${DESK}\n`), [
      { name: 'default', scopes: ['ingest', 'control'], token: DESK },
    ]);
    assert.deepEqual(parseTokenFile(`# made by npm start\r\n${DESK}\r\n`), [
      { name: 'default', scopes: ['ingest', 'control'], token: DESK },
    ]);
  });

  test('names the line of each mistake and never quotes a token', () => {
    const cases: [string, RegExp][] = [
      [`desk-cam upload ${DESK}`, /^line 1: scopes: expected scopes ingest, control or ingest,control$/],
      [`desk-cam ingest,view ${DESK}`, /^line 1: scopes: expected scopes/],
      [`# a comment\ndesk-cam ingest short`, /^line 2: token: expected at least 16 characters$/],
      [`desk-cam ${DESK}`, /^line 1: expected "<name> <scopes> <token>", found 2 fields$/],
      [`desk-cam ingest ${DESK} extra`, /^line 1: expected .* found 4 fields$/],
      [`desk-cam ingest ${DESK}\n${OWNER}`, /^line 2: .*found 1 fields \(a bare token is only allowed alone/],
      [`desk/cam ingest ${DESK}`, /^line 1: name: expected a name of up to 32 letters/],
      [
        `cam ingest ${DESK}\ncam control ${OWNER}`,
        /^line 2: name: the same as on line 1; each must be unique$/,
      ],
      [`cam ingest ${DESK}\nowner control ${DESK}`, /^line 2: token: the same as on line 1/],
      [
        `cam ingest ${DESK}\n${DESK} control ${OWNER}`,
        /^line 2: name: it is also a token; are the fields swapped\?$/,
      ],
      ['short', /^line 1: token: expected at least 16 characters$/],
      ['\n# only comments\n\n', /^no tokens in it; expected lines like "desk-cam ingest <token>"$/],
    ];
    for (const [text, expected] of cases) {
      const result = parseTokenFile(text);
      assert.equal(typeof result, 'string', `accepted: ${text}`);
      assert.match(result as string, expected);
      assertNoSecret(result as string, DESK, OWNER);
    }
    // Every bad line is reported at once.
    assert.match(
      parseTokenFile(`a upload ${DESK}\nb ingest tiny`) as string,
      /^line 1: scopes: .*; line 2: token: /,
    );
  });

  test('an unreadable or invalid file stops start-up naming the file and the line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'porthole-tokens-'));
    try {
      const file = join(dir, 'tokens');
      await writeFile(file, `desk-cam ingest ${DESK}\nowner contrl ${OWNER}\n`);
      assert.throws(
        () => resolveConfig({ tokenFile: file }),
        (error: Error) =>
          error instanceof ConfigError &&
          error.message ===
            `Invalid --token-file / PORTHOLE_TOKEN_FILE ${file}: line 2: scopes: expected scopes ingest, control or ingest,control` &&
          !error.message.includes(OWNER),
      );
      assert.throws(() => readTokenFile(join(dir, 'missing')), /Cannot read --token-file .*missing/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('--token / PORTHOLE_TOKEN is one token named "default" with every scope, and is never echoed', () => {
    assert.deepEqual(resolveConfig({ token: DESK }).tokens, [
      { name: 'default', scopes: ['ingest', 'control'], token: DESK },
    ]);
    assert.throws(
      () => resolveConfig({ token: 'tooshort-secret' }),
      (error: Error) =>
        error.message ===
        'Invalid --token / PORTHOLE_TOKEN: expected at least 16 characters; received 15 characters',
    );
  });
});

describe('the token table', () => {
  const request = (authorization?: string) =>
    ({ headers: authorization === undefined ? {} : { authorization } }) as IncomingMessage;
  const entries = [
    { name: 'desk-cam', scopes: ['ingest' as const], token: DESK },
    { name: 'owner', scopes: ['control' as const, 'ingest' as const], token: OWNER },
  ];

  test('lets a token do what its scopes allow, and says why not otherwise (by name only)', () => {
    const table = tokenTable(entries);
    assert.deepEqual(table.check(request(`Bearer ${DESK}`), 'ingest'), { allowed: true, name: 'desk-cam' });
    assert.deepEqual(table.check(request(`bearer  ${OWNER} `), 'control'), { allowed: true, name: 'owner' });
    assert.deepEqual(table.check(request(`Bearer ${DESK}`), 'control'), {
      allowed: false,
      status: 403,
      name: 'desk-cam',
      has: ['ingest'],
      needs: 'control',
    });
    assert.deepEqual(table.check(request(), 'ingest'), { allowed: false, status: 401, why: 'missing' });
    assert.deepEqual(table.check(request(`Basic ${DESK}`), 'ingest'), {
      allowed: false,
      status: 401,
      why: 'missing',
    });
    assert.deepEqual(table.check(request(`Bearer ${DESK}x`), 'ingest'), {
      allowed: false,
      status: 401,
      why: 'unknown',
    });
    assertNoSecret(JSON.stringify(table.check(request(`Bearer ${DESK}`), 'control')), DESK);
  });

  test('a replaced table refuses a token whose line is gone', () => {
    const table = tokenTable(entries);
    table.replace(entries.slice(1));
    assert.deepEqual(table.names(), ['owner']);
    assert.equal(table.check(request(`Bearer ${DESK}`), 'ingest').allowed, false);
    assert.equal(table.check(request(`Bearer ${OWNER}`), 'ingest').allowed, true);
  });
});

test('the logger redacts tokens and Authorization headers wherever they appear', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = createLogger('info', 'json', sink);
  const headers = { authorization: `Bearer ${DESK}`, 'proxy-authorization': `Basic ${OWNER}` };
  log.info({ req: { method: 'POST', url: '/control', headers } }, 'a request');
  log.info({ headers }, 'bare headers');
  log.info({ token: DESK, config: { tokens: [{ name: 'desk-cam', token: DESK }] } }, 'settings');
  log.info({ upstream: { headers } }, 'nested');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(lines.length, 4);
  for (const line of lines) assertNoSecret(line, DESK, OWNER);
  assert.match(lines[0]!, /"authorization":"\[redacted\]"/);
});
