/** HTTP/2 through Caddy against HTTP/1.1 straight to the relay, and the HLS stream: delivery in RESULTS.md. */
import type { HlsResult } from './benches/hls.ts';
import type { Http2Result } from './benches/http2.ts';
import { kB, plainRatio, table } from './format.ts';

export function http2Section(result: Http2Result | undefined): string {
  if (!result) return '';
  const head = '## 4b. HTTP/2 (Caddy in front) against HTTP/1.1\n\n';
  if (result.skipped) return `${head}Skipped: ${result.skipped}.\n`;
  const baseline = (viewer: string) =>
    result.rows.find((r) => r.viewer === viewer && r.protocol === 'HTTP/1.1')?.bytesPerViewerMinute ?? 0;
  const rows = result.rows.map((r) => [
    r.viewer === 'video' ? 'video path (held `GET /video/<seq>`)' : 'stills (pointer poll, AVIF 640)',
    r.protocol,
    kB(r.bytesPerViewerMinute),
    r.protocol === 'HTTP/1.1' ? '1' : plainRatio(r.bytesPerViewerMinute / baseline(r.viewer)),
    r.requestsPerFrame.toFixed(2),
    `${Math.round(r.overheadPerRequest)} B`,
  ]);
  return `${head}The default loop as camera (${result.frames} uploads, ${result.published} published), one viewer of each kind per protocol, every byte counted on the TCP socket (TLS records and HTTP/2 framing included on HTTP/2).\n\n${table(
    [
      'viewer',
      'protocol',
      'per viewer-minute',
      'vs HTTP/1.1',
      'requests per upload',
      'beyond the body, per request',
    ],
    rows,
  )}\n`;
}

export function hlsSection(result: HlsResult | undefined): string {
  if (!result) return '';
  const head = '## 4c. The live HLS stream\n\n';
  if (result.skipped) return `${head}Skipped: ${result.skipped}.\n`;
  return `${head}The photo sequence's first ${result.frames} uploads, the relay at a 500 ms interval with 1.5 s segments (the default's shape, 3 frames and a key each, in a quarter of the time); a player reloading the playlist once per segment and fetching each new segment, headers included, counted on the socket, scaled to a 2 s camera. SSIM: each picture ffmpeg decodes from the playlist against the uploaded frame it shows. HLS encodes the 640-px JPEG still on air (what is public, privacy windows included), so its pictures pass two lossy encoders.\n\n${table(
    ['', 'per viewer-minute', 'of which playlists', 'segments', 'SSIM'],
    [
      [
        'HLS, 6 s segments',
        kB(result.bytesPerViewerMinute),
        kB(result.playlistBytesPerMinute),
        result.segments,
        result.ssim?.toFixed(3) ?? 'n/a',
      ],
    ],
  )}\n`;
}
