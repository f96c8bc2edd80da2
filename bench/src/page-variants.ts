/**
 * Variants of the built demo page, made from its HTML so that everything else stays byte-identical:
 * fixed-interval polling (the island's poll bounds pinned, as `poll: { min, max }` would), no feed at all,
 * and the original design's front end (a plain <img> of the camera JPEG, reloaded every 2 s).
 */

const FEED = /<porthole-feed\b[\s\S]*?<\/porthole-feed>/;
const FEED_SCRIPT = /<script\b[^>]*src="[^"]*Porthole[^"]*"[^>]*><\/script>/;

/** The island polls every `ms`, whatever the relay's hint says. */
export function withFixedPolling(html: string, ms: number): string {
  if (!/data-min="\d+"/.test(html)) throw new Error('no <porthole-feed data-min> in the page');
  return html.replace(/data-min="\d+"/, `data-min="${ms}"`).replace(/data-max="\d+"/, `data-max="${ms}"`);
}

/** The same page without <Porthole /> and its script. */
export function withoutFeed(html: string): string {
  if (!FEED.test(html)) throw new Error('no <porthole-feed> element in the page');
  return html.replace(FEED, '').replace(FEED_SCRIPT, '');
}

/** The original front end in the feed's place: the camera's own JPEG, reloaded every `ms`. */
export function withNaivePoller(html: string, src: string, ms: number): string {
  if (!FEED.test(html)) throw new Error('no <porthole-feed> element in the page');
  const img =
    `<img id="naive-camera" src="${src}" alt="" style="position:absolute;inset:0;width:100%;height:100%;object-fit:cover;opacity:.75;z-index:-1">` +
    `<script>setInterval(()=>{document.getElementById('naive-camera').src='${src}?'+Date.now()},${ms})</script>`;
  return html.replace(FEED, img).replace(FEED_SCRIPT, '');
}

/** The island's own script URL(s) in the page, for its size. */
export function feedScriptPaths(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*src="([^"]*Porthole[^"]*)"/g)].map((m) => m[1]!);
}
