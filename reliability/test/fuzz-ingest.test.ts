/**
 * Bounded fuzzing of the ingest path (a seeded mutation fuzzer; see src/fuzz/). Longer runs:
 * PORTHOLE_FUZZ_MS=600000 npm run fuzz -w @porthole/reliability.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { legacyBody, makeJpeg } from '@porthole/testing';
import sharp from 'sharp';
import { runFuzz } from '../src/fuzz/run-fuzz.ts';
import { multipartTarget, NORMALISE, normaliseTarget } from '../src/fuzz/targets.ts';

const MS = Number(process.env.PORTHOLE_FUZZ_MS ?? 4_000);
const SEED = Number(process.env.PORTHOLE_FUZZ_SEED ?? 1);

async function imageSeeds(): Promise<Buffer[]> {
  const jpeg = await makeJpeg(11, { width: 160, height: 120 });
  return [
    jpeg,
    await sharp(jpeg).jpeg({ progressive: true }).toBuffer(),
    await sharp(jpeg)
      .withExif({ IFD0: { Make: 'fuzz' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer(),
    await sharp(jpeg).png().toBuffer(),
    await sharp(jpeg).png().toColourspace('grey16').toBuffer(),
    await sharp(jpeg).webp().toBuffer(),
    await sharp(jpeg).webp({ lossless: true }).toBuffer(),
  ];
}

test(`fuzz: frame validation and normalisation (${MS} ms)`, async () => {
  const report = await runFuzz(normaliseTarget, {
    seed: SEED,
    seeds: await imageSeeds(),
    maxMs: MS,
    check(result) {
      const image = result as { data: Buffer; width: number; height: number; channels: number };
      assert.ok(image.width >= 1 && image.width <= NORMALISE.maxWidth, `width ${image.width}`);
      assert.equal(image.data.length, image.width * image.height * image.channels);
    },
  });
  console.log(
    `fuzz normalise: ${report.runs} inputs in ${report.ms.toFixed(0)} ms, ${report.accepted} accepted, refused ${JSON.stringify(report.refused)}`,
  );
  assert.deepEqual(report.failures.map((f) => f.why).slice(0, 5), []);
  assert.ok(report.runs > 100 && report.accepted > 0 && Object.keys(report.refused).length >= 2);
});

test(`fuzz: the legacy multipart reader (${MS / 2} ms)`, async () => {
  const jpeg = await makeJpeg(12, { width: 80, height: 60 });
  const body = legacyBody(jpeg);
  const seeds = [
    body,
    Buffer.concat([body.subarray(0, -8), body]),
    Buffer.from(
      body.toString('latin1').replace('filename="latest.jpg"', 'filename="a.jpg"; name="img"'),
      'latin1',
    ),
  ];
  const report = await runFuzz(multipartTarget, {
    seed: SEED + 1,
    seeds,
    maxMs: MS / 2,
    check(result) {
      assert.ok(Buffer.isBuffer(result) && result.length <= 64 * 1024);
    },
  });
  console.log(
    `fuzz multipart: ${report.runs} inputs in ${report.ms.toFixed(0)} ms, ${report.accepted} accepted, refused ${JSON.stringify(report.refused)}`,
  );
  assert.deepEqual(report.failures.map((f) => f.why).slice(0, 5), []);
  assert.ok(report.runs > 100 && report.accepted > 0);
});
