import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { builtSite, htmlPages, readPage, TEST_RELAY } from './built-site.ts';
import { hasAnchor, internalLinks, resolveLink } from './links.ts';

describe('the demo site', () => {
  let outDir: string;

  before(async () => {
    outDir = await builtSite();
  });

  after(() => rm(outDir, { recursive: true, force: true }));

  it('builds every page: home, docs, owner preview', async () => {
    const pages = await htmlPages(outDir);
    for (const page of [
      '/index.html',
      '/preview/index.html',
      '/docs/index.html',
      '/docs/quick-start/index.html',
      '/docs/relay/index.html',
      '/docs/firmware/index.html',
      '/docs/privacy/index.html',
      '/docs/api/index.html',
      '/docs/configuration/index.html',
      '/docs/recordings/index.html',
      '/timelapse/index.html',
    ]) {
      assert.ok(pages.includes(page), `${page} missing from ${pages.join(', ')}`);
    }
  });

  it('shows the timelapse as a video that fetches nothing until asked and never plays by itself', async () => {
    const html = await readPage(outDir, '/timelapse/index.html');
    const video = /<video\b[^>]*>/.exec(html)?.[0] ?? '';
    assert.match(video, /\bpreload="none"/);
    assert.match(video, /\bcontrols\b/);
    assert.doesNotMatch(video, /\bautoplay\b/);
    assert.match(video, /\baria-label="[^"]+"/, 'the video has an accessible name');
    assert.match(video, new RegExp(`poster="${TEST_RELAY}timelapse/today\\.jpg"`));
    assert.match(
      html,
      new RegExp(
        `<source src="${TEST_RELAY}timelapse/today\\.m3u8" type="application/vnd\\.apple\\.mpegurl"`,
      ),
    );
    assert.match(html, new RegExp(`<source src="${TEST_RELAY}timelapse/today\\.mp4" type="video/mp4"`));
    // Without JavaScript the native controls play it; the big button appears only with the script.
    assert.match(html, /<button type="button" class="porthole-timelapse-play"[^>]*hidden/);
  });

  it('has no broken internal links or anchors', async () => {
    const broken: string[] = [];
    let checked = 0;
    for (const page of await htmlPages(outDir)) {
      for (const link of internalLinks(page, await readPage(outDir, page))) {
        checked++;
        const { file, fragment } = resolveLink(outDir, link);
        if (!file) broken.push(`${page}: ${link.attribute}="${link.target}" goes nowhere`);
        else if (fragment && !hasAnchor(await readFile(file, 'utf8'), fragment)) {
          broken.push(`${page}: ${link.attribute}="${link.target}" has no #${fragment}`);
        }
      }
    }
    assert.ok(checked > 50, `only ${checked} links checked`);
    assert.deepEqual(broken, []);
  });

  it('renders the Porthole component in the home hero, pointed at the configured relay', async () => {
    const home = await readPage(outDir, '/index.html');
    const hero = home.slice(home.indexOf('<section class="hero"'), home.indexOf('</section>'));
    assert.match(hero, /<porthole-feed[^>]*data-relay="http:\/\/127\.0\.0\.1:9\/test-relay\/"/);
    assert.ok(TEST_RELAY.startsWith('http://127.0.0.1:9/'));
    assert.match(
      hero,
      /<img class="porthole-frame" src="data:image\/jpeg;base64,/,
      'the loop poster is inlined',
    );
    assert.match(hero, /<h1[^>]*>A quiet window/);
  });

  it('puts the pause control in the footer as its own island', async () => {
    const home = await readPage(outDir, '/index.html');
    const footer = home.slice(home.indexOf('<footer'));
    assert.match(footer, /<feed-pause-control[^>]*>[\s\S]*<button type="button" aria-pressed="false"/);
  });

  it('points the owner preview at the configured relay', async () => {
    const preview = await readPage(outDir, '/preview/index.html');
    assert.match(preview, /<owner-preview[^>]*data-relay="http:\/\/127\.0\.0\.1:9\/test-relay\/"/);
  });
});
