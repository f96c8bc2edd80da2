import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PipelineResult } from '../src/benches/pipeline.ts';
import { pipelinePairs } from '../src/report-video.ts';

const run = (input: string, video: boolean | undefined, cpu: number): PipelineResult => ({
  input,
  ...(video === undefined ? {} : { video }),
  frames: 1,
  inputMeanBytes: 1,
  relayP50Ms: 1,
  relayP95Ms: 1,
  clientP50Ms: 1,
  clientP95Ms: 1,
  cpuSecondsPerFrame: cpu,
});

test('video on is paired with video off of the same input', () => {
  const pairs = pipelinePairs([run('a', false, 1), run('b', false, 2), run('b', true, 3), run('a', true, 4)]);
  assert.deepEqual(
    pairs.map((p) => [p.on.input, p.off.cpuSecondsPerFrame, p.on.cpuSecondsPerFrame]),
    [
      ['b', 2, 3],
      ['a', 1, 4],
    ],
  );
});

test('runs from before the video path, or with only one side, make no pair', () => {
  assert.deepEqual(pipelinePairs([run('a', undefined, 1), run('b', true, 2)]), []);
});
