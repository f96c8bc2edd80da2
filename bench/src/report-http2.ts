/** HTTP/2 through Caddy against HTTP/1.1 straight to the relay: the delivery's part of RESULTS.md. */
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
