import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { buildFixture } from './build-fixture.ts';

describe('a static site built with the integration', () => {
  it('renders the hero layer with the relay from PORTHOLE_RELAY_URL, the inlined poster and the island', async () => {
    const dist = await buildFixture('static', {
      env: { PORTHOLE_RELAY_URL: 'https://cam.example.com/live' },
    });
    const home = await readFile(new URL('index.html', dist), 'utf8');
    assert.match(home, /<porthole-feed data-relay="https:\/\/cam\.example\.com\/live\/"/);
    assert.match(
      home,
      /<img class="porthole-frame" src="data:image\/jpeg;base64,[^"]{1000,}" alt="" fetchpriority="low"/,
    );
    const island = home.match(/<script type="module" src="(\/_astro\/Porthole[^"]+\.js)"><\/script>/)?.[1];
    assert.ok(island, 'the page loads the island script');
    const code = await readFile(new URL(`.${island}`, dist));
    assert.ok(gzipSync(code, { level: 9 }).length <= 3 * 1024, 'the island Vite built stays within budget');
    const about = await readFile(new URL('about/index.html', dist), 'utf8');
    assert.doesNotMatch(about, /porthole-feed/, 'pages without the component carry nothing of it');
  });

  it('stops the build with the option named when the relay URL is missing', async () => {
    const saved = process.env.PORTHOLE_RELAY_URL;
    delete process.env.PORTHOLE_RELAY_URL;
    try {
      await assert.rejects(
        buildFixture('static', { outDir: '/tmp/porthole-astro-never' }),
        /relay: Expected the relay URL/,
      );
    } finally {
      if (saved !== undefined) process.env.PORTHOLE_RELAY_URL = saved;
    }
  });
});

describe('a server-rendered site built with the integration', () => {
  it('renders the hero layer on demand', async () => {
    const dist = await buildFixture('server');
    const { app } = await import(new URL('server/entry.mjs', dist).href);
    const response: Response = await app.render(new Request('http://localhost/?name=Ada'));
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.match(html, /Hello, Ada/);
    assert.match(html, /<porthole-feed data-relay="https:\/\/cam\.example\.com\/"/);
    assert.match(html, /fetchpriority="low"/);
    const client = await readdir(new URL('client/_astro/', dist));
    assert.ok(client.some((name) => name.startsWith('Porthole') && name.endsWith('.js')));
  });
});
