import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedScriptPaths, withFixedPolling, withNaivePoller, withoutFeed } from '../src/page-variants.ts';

const PAGE =
  '<html><head><script type="module" src="/_astro/Porthole.astro_x.js"></script>' +
  '<script type="module" src="/_astro/Other.js"></script></head><body><section class="hero">' +
  '<porthole-feed data-relay="http://r/" data-min="1000" data-max="30000"><div><img src="p"></div></porthole-feed>' +
  '<h1>Hi</h1></section></body></html>';

test('fixed polling pins both poll bounds and nothing else', () => {
  const fixed = withFixedPolling(PAGE, 2000);
  assert.match(fixed, /data-min="2000" data-max="2000"/);
  const rest = (html: string) => html.replace(/data-m(in|ax)="\d+"/g, '');
  assert.equal(rest(fixed), rest(PAGE));
});

test('without the feed, the element and its script are gone and the rest stays', () => {
  const bare = withoutFeed(PAGE);
  assert.doesNotMatch(bare, /porthole-feed|Porthole\.astro/);
  assert.match(bare, /Other\.js/);
  assert.match(bare, /<h1>Hi<\/h1>/);
});

test("the naive page reloads the camera JPEG on a timer in the feed's place", () => {
  const naive = withNaivePoller(PAGE, '/camera/latest.jpg', 2000);
  assert.match(naive, /<img id="naive-camera" src="\/camera\/latest.jpg"/);
  assert.match(naive, /setInterval\(.*2000\)/);
  assert.doesNotMatch(naive, /porthole-feed/);
});

test('finds the island script', () => {
  assert.deepEqual(feedScriptPaths(PAGE), ['/_astro/Porthole.astro_x.js']);
});

test('refuses a page without the feed rather than measuring the wrong thing', () => {
  assert.throws(() => withoutFeed('<html></html>'), /no <porthole-feed>/);
});
