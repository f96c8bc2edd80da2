import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The island's budget, nanostores included: growth past it is a decision, made here. */
const BUDGET = 3 * 1024;

it(`keeps the island's JavaScript, nanostores included, within ${BUDGET} bytes min+gzip`, async (t) => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/island/define.ts', import.meta.url))],
    bundle: true,
    conditions: ['porthole-source'],
    minify: true,
    format: 'esm',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const gzipped = gzipSync(code, { level: 9 }).length;
  t.diagnostic(`island: ${code.length} B minified, ${gzipped} B min+gzip (budget ${BUDGET} B)`);
  assert.match(new TextDecoder().decode(code), /porthole-feed/);
  assert.ok(gzipped <= BUDGET, `island is ${gzipped} B min+gzip, over the ${BUDGET} B budget`);
});
