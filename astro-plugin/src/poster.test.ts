import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { relayPosterUrl, resolvePoster } from './poster.ts';

const loopUrl = new URL('../../loop/', import.meta.url);
const loopDir = fileURLToPath(loopUrl);
const noShrink = async () => undefined;
const RELAY = 'https://cam.example.com/';

describe('resolvePoster', () => {
  it('inlines the first loop frame, shrunk to the poster width', async () => {
    const warnings: string[] = [];
    const poster = await resolvePoster(loopUrl, 160, '/', RELAY, (m) => warnings.push(m));
    assert.equal(poster.kind, 'inline');
    assert.ok(poster.kind === 'inline' && poster.src.startsWith('data:image/jpeg;base64,'));
    const bytes =
      poster.kind === 'inline' ? Buffer.from(poster.src.split(',')[1] ?? '', 'base64') : Buffer.alloc(0);
    assert.ok(bytes.length < 4096, `${bytes.length} bytes`);
    assert.deepEqual(warnings, []);
  });

  it('resolves relative paths against the project root', async () => {
    const poster = await resolvePoster('./loop/frame-003.jpg', 160, join(loopDir, '..'), RELAY, assert.fail);
    assert.equal(poster.kind, 'inline');
  });

  it('uses URLs as they are', async () => {
    assert.deepEqual(await resolvePoster('/poster.avif', 160, '/', RELAY, assert.fail), {
      kind: 'url',
      src: '/poster.avif',
    });
    assert.deepEqual(
      await resolvePoster(new URL('https://cdn.example.com/q.jpg'), 160, '/', RELAY, assert.fail),
      {
        kind: 'url',
        src: 'https://cdn.example.com/q.jpg',
      },
    );
    assert.deepEqual(await resolvePoster('https://cdn.example.com/p.jpg', 160, '/', RELAY, assert.fail), {
      kind: 'url',
      src: 'https://cdn.example.com/p.jpg',
    });
  });

  it('has no poster when told so', async () => {
    assert.deepEqual(await resolvePoster(false, 160, '/', RELAY, assert.fail), { kind: 'none' });
  });

  it('falls back to the relay’s poster, the frame on air, when no local poster is found', async () => {
    const notes: string[] = [];
    const poster = await resolvePoster('./no-such-loop', 160, tmpdir(), RELAY, (m) => notes.push(m));
    assert.deepEqual(poster, { kind: 'url', src: 'https://cam.example.com/poster' });
    assert.match(
      notes[0] ?? '',
      /No poster image found at ".\/no-such-loop".*https:\/\/cam\.example\.com\/poster/,
    );
  });

  it('the relay’s poster sits under a relay on the site’s own path too', () => {
    assert.equal(relayPosterUrl('/porthole/'), '/porthole/poster');
  });

  it('without sharp, inlines a small file as it is and leaves a large one for Vite to emit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'porthole-poster-'));
    await writeFile(join(dir, 'small.png'), Buffer.alloc(2000, 1));
    await writeFile(join(dir, 'large.jpg'), Buffer.alloc(100_000, 1));
    const small = await resolvePoster('small.png', 160, dir, RELAY, assert.fail, noShrink);
    assert.ok(small.kind === 'inline' && small.src.startsWith('data:image/png;base64,'));
    assert.deepEqual(await resolvePoster('large.jpg', 160, dir, RELAY, assert.fail, noShrink), {
      kind: 'file',
      path: join(dir, 'large.jpg'),
    });
  });
});
