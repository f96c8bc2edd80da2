import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateOptions } from './validate-options.ts';
import { VIRTUAL_CONFIG, virtualConfig } from './virtual-config.ts';

const config = validateOptions({ relay: 'https://cam.example.com/', fade: 300 }, {});

describe('virtualConfig', () => {
  it('serves the component its options, without the build-time poster settings', () => {
    const plugin = virtualConfig(config, { kind: 'inline', src: 'data:image/jpeg;base64,AAAA' });
    const id = plugin.resolveId(VIRTUAL_CONFIG);
    assert.ok(id?.startsWith('\0'), 'a virtual id no other plugin touches');
    const source = plugin.load(id as string) ?? '';
    assert.match(source, /const poster = "data:image\/jpeg;base64,AAAA";/);
    assert.match(source, /"relay":"https:\/\/cam\.example\.com\/"/);
    assert.match(source, /"fade":300/);
    assert.doesNotMatch(source, /posterWidth/);
  });

  it('lets Vite emit a large poster file and hands the component its URL', () => {
    const plugin = virtualConfig(config, { kind: 'file', path: '/site/loop/frame-000.jpg' });
    assert.match(
      plugin.load(`\0${VIRTUAL_CONFIG}`) ?? '',
      /^import poster from "\/site\/loop\/frame-000\.jpg\?url";/,
    );
  });

  it('has a null poster when there is none, and ignores other modules', () => {
    const plugin = virtualConfig(config, { kind: 'none' });
    assert.match(plugin.load(`\0${VIRTUAL_CONFIG}`) ?? '', /const poster = null;/);
    assert.equal(plugin.resolveId('virtual:other'), undefined);
    assert.equal(plugin.load('/src/pages/index.astro'), undefined);
  });
});
