import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chooseLoopFolder, PACKAGED_LOOP } from '../../src/feed/loop-folder.ts';

let root: string;
const lines: string[] = [];
const log = {
  info: (_: object, message: string) => void lines.push(`info ${message}`),
  warn: (_: object, message: string) => void lines.push(`warn ${message}`),
};

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'porthole-loop-folder-'));
  for (const name of ['own', 'packaged']) {
    await mkdir(join(root, name));
    await writeFile(join(root, name, 'frame-000.jpg'), 'not decoded here');
  }
  await mkdir(join(root, 'notes-only'));
  await writeFile(join(root, 'notes-only', 'README.md'), 'no frames');
});
after(() => rm(root, { recursive: true, force: true }));

test('plays the configured loop folder when it holds frames', async () => {
  lines.length = 0;
  const dir = await chooseLoopFolder(join(root, 'own'), log, join(root, 'packaged'));
  assert.equal(dir, join(root, 'own'));
  assert.deepEqual(lines, []);
});

test('falls back to the packaged loop, and says so, when ./loop is missing or has no frames', async () => {
  for (const configured of [join(root, 'missing'), join(root, 'notes-only')]) {
    lines.length = 0;
    assert.equal(await chooseLoopFolder(configured, log, join(root, 'packaged')), join(root, 'packaged'));
    assert.deepEqual(lines, ['info no frames in the loop folder: playing the default loop']);
  }
});

test('warns at start-up that there is no loop when neither folder has frames', async () => {
  lines.length = 0;
  const dir = await chooseLoopFolder(join(root, 'missing'), log, join(root, 'also-missing'));
  assert.equal(dir, join(root, 'missing'));
  assert.match(lines[0] ?? '', /^warn no loop frames: .*set --loop-dir$/);
});

test('the packaged loop sits beside src/ and dist/ (relay/loop)', () => {
  assert.equal(PACKAGED_LOOP, join(import.meta.dirname, '../../loop/'));
});
