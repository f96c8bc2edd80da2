import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The island's budget, nanostores included: growth past it is a decision, made here. */
const BUDGET = 3 * 1024;
/** The video path, fetched only where WebCodecs can decode the relay's stream. */
const VIDEO_BUDGET = 1.5 * 1024;

it(`keeps the island within ${BUDGET} B min+gzip, and its lazily loaded video path within ${VIDEO_BUDGET} B`, async (t) => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/island/define.ts', import.meta.url))],
    bundle: true,
    splitting: true,
    outdir: 'out',
    conditions: ['porthole-source'],
    minify: true,
    format: 'esm',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
  });
  const sizes = result.outputFiles.map((file) => ({
    file,
    text: new TextDecoder().decode(file.contents),
    gzipped: gzipSync(file.contents, { level: 9 }).length,
  }));
  const island = sizes.find((s) => s.text.includes('porthole-feed'));
  const video = sizes.find((s) => s.text.includes('VideoDecoder('));
  assert.ok(island && video && island !== video, 'the video path is a chunk of its own');
  // Anything both share is part of what the island itself loads.
  const shared = sizes.filter((s) => s !== island && s !== video).reduce((sum, s) => sum + s.gzipped, 0);
  t.diagnostic(
    `island: ${island.file.contents.length} B minified, ${island.gzipped + shared} B min+gzip (budget ${BUDGET} B)`,
  );
  t.diagnostic(
    `video path: ${video.file.contents.length} B minified, ${video.gzipped} B min+gzip (budget ${VIDEO_BUDGET} B)`,
  );
  assert.ok(
    island.gzipped + shared <= BUDGET,
    `island is ${island.gzipped + shared} B min+gzip, over ${BUDGET} B`,
  );
  assert.ok(
    video.gzipped <= VIDEO_BUDGET,
    `the video path is ${video.gzipped} B min+gzip, over ${VIDEO_BUDGET} B`,
  );
});
