import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPorthole } from './render-porthole.ts';

const loop = new URL('../../loop/', import.meta.url);
const relay = 'https://cam.example.com';
const attr = (html: string, element: RegExp) => html.match(element)?.[0] ?? '';

describe('<Porthole /> server markup', () => {
  it('is complete without JavaScript: the poster fills the layer, low priority, no controls that cannot work', async () => {
    const html = await renderPorthole({ relay, poster: loop });
    const feed = attr(html, /<porthole-feed[^>]*>/);
    assert.match(feed, /data-relay="https:\/\/cam\.example\.com\/"/);
    assert.match(feed, /data-min="1000" data-max="30000" data-cap="60000" data-fade="800"/);
    assert.match(feed, /--porthole-opacity:0\.6/);
    const img = attr(html, /<img[^>]*>/);
    assert.match(img, /class="porthole-frame"/);
    assert.match(img, /src="data:image\/jpeg;base64,/);
    assert.match(img, /alt=""/);
    assert.match(img, /fetchpriority="low"/);
    assert.match(img, /decoding="async"/);
    assert.match(html, /<div class="porthole-layer" aria-hidden="true">/);
    assert.match(html, /<div class="porthole-controls" data-placement="bottom-right" hidden>/);
  });

  it('renders a real toggle button and the wave button, with the default labels', async () => {
    const html = await renderPorthole({ relay, poster: false });
    assert.match(
      html,
      /<button type="button" class="porthole-toggle" aria-pressed="false">.*Pause live view<\/button>/s,
    );
    assert.match(html, /<button type="button" class="porthole-wave">.*Wave<\/button>/s);
    assert.match(html, /role="status" data-label="Someone waved"/);
    assert.doesNotMatch(html, /<img/, 'poster: false renders no image');
  });

  it('passes the configured look, placement, labels and bounds through', async () => {
    const html = await renderPorthole({
      relay,
      poster: '/hero.jpg',
      fade: 300,
      look: { blur: 4, opacity: 0.3, tint: '#204060' },
      poll: { min: 2000, max: 10_000, backoffCap: 120_000 },
      pauseButton: { placement: 'top-left', label: 'Stop the camera' },
      wave: { enabled: false },
    });
    assert.match(html, /src="\/hero\.jpg"/);
    assert.match(
      html,
      /--porthole-fade:300ms;--porthole-blur:4px;--porthole-opacity:0\.3;--porthole-tint:#204060/,
    );
    assert.match(html, /data-min="2000" data-max="10000" data-cap="120000" data-fade="300"/);
    assert.match(html, /data-placement="top-left"/);
    assert.match(html, /Stop the camera<\/button>/);
    assert.doesNotMatch(html, /porthole-wave/);
  });

  it('leaves the controls out when placement is none, and takes the poster from props', async () => {
    const html = await renderPorthole(
      { relay, poster: false, pauseButton: { placement: 'none' } },
      { poster: '/mine.webp', class: 'behind' },
    );
    assert.doesNotMatch(html, /<button/);
    assert.match(html, /src="\/mine\.webp"/);
    assert.match(html, /class="porthole behind"/);
  });

  it('refuses bad options before anything renders', async () => {
    await assert.rejects(renderPorthole({ relay: 'nope' }), /relay: Expected an http\(s\) URL/);
  });
});
