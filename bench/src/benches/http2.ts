/**
 * HTTP/2 against HTTP/1.1, as a viewer's connection carries it: the same relay, direct over HTTP/1.1 and
 * through Caddy over HTTP/2 + TLS (the deployment the repository ships), the stills viewer (pointer, then
 * the AVIF 640 variant) and the video viewer (one held `GET /video/<seq>` per frame) side by side, every
 * byte counted on the socket. Headers are most of a small frame's cost on HTTP/1.1; HPACK sends repeated
 * ones as a few bytes.
 */
import type { Pointer } from '@porthole/protocol';
import { decodeRun } from '@porthole/protocol/video';
import { freePort, startTestRelay } from '@porthole/testing';
import { startCaddy } from '../caddy.ts';
import { h2Client } from '../h2-client.ts';
import { LOOP_DIR } from '../repository-loop.ts';
import { uploadFrame } from '../upload.ts';
import { wireClient } from '../wire-client.ts';
import { FRAMES_PER_MINUTE } from './bandwidth.ts';

export interface Http2Row {
  viewer: 'stills' | 'video';
  protocol: 'HTTP/1.1' | 'HTTP/2 + TLS';
  bytesPerViewerMinute: number;
  requestsPerFrame: number;
  /** Bytes per request beyond the body: status line and headers (and on HTTP/2, framing and TLS). */
  overheadPerRequest: number;
}

export interface Http2Result {
  frames: number;
  published: number;
  rows: Http2Row[];
  skipped: string | null;
}

interface Tally {
  bytes: number;
  bodies: number;
  requests: number;
}

type Get = (
  path: string,
  headers?: Record<string, string>,
) => Promise<{ status: number; headers: Record<string, unknown>; body: Buffer; wireBytes: number }>;

export async function benchHttp2(options: {
  frames: Buffer[];
  caddy: { binary: string } | { skip: string };
  token: string;
}): Promise<Http2Result> {
  if ('skip' in options.caddy) return { frames: 0, published: 0, rows: [], skipped: options.caddy.skip };
  const relay = await startTestRelay({ loopDir: LOOP_DIR, offlineAfter: '1h' });
  const caddy = await startCaddy(options.caddy.binary, await freePort(), new URL(relay.url));
  const h1 = wireClient();
  const h2 = h2Client(caddy.url);
  const h1Video = wireClient();
  const h2Video = h2Client(caddy.url);
  const gets: Record<Http2Row['protocol'], { stills: Get; video: Get }> = {
    'HTTP/1.1': {
      stills: (p, h) => h1.get(new URL(p, relay.url), h),
      video: (p, h) => h1Video.get(new URL(p, relay.url), h),
    },
    'HTTP/2 + TLS': { stills: h2.get, video: h2Video.get },
  };
  const tallies = new Map<string, Tally>();
  const tally = (key: string, response: { body: Buffer; wireBytes: number }) => {
    const t = tallies.get(key) ?? { bytes: 0, bodies: 0, requests: 0 };
    t.bytes += response.wireBytes;
    t.bodies += response.body.length;
    t.requests++;
    tallies.set(key, t);
  };
  try {
    await uploadFrame(relay.url, options.token, options.frames[0]!);
    await relay.idle();
    await relay.feed.settled();
    const protocols = Object.keys(gets) as Http2Row['protocol'][];
    const etags = new Map<string, string>();
    const videoSeq = new Map<string, number>();
    // Warm both protocols' connections (TLS handshake, SETTINGS) outside the count.
    for (const protocol of protocols) {
      await gets[protocol].stills('frame');
      const run = decodeRun(new Uint8Array((await gets[protocol].video('video/0')).body));
      videoSeq.set(protocol, run.chunks.at(-1)!.seq);
    }
    // The video viewer: one request held open at a time; it answers when a frame is published.
    const held = new Map<string, Promise<void>>();
    const hold = (protocol: Http2Row['protocol']) => {
      if (held.has(protocol)) return;
      const request = gets[protocol].video(`video/${videoSeq.get(protocol)}`).then((response) => {
        held.delete(protocol);
        tally(`video ${protocol}`, response);
        if (response.status === 200)
          videoSeq.set(protocol, decodeRun(new Uint8Array(response.body)).chunks.at(-1)!.seq);
      });
      // Still held when the bench ends: closing the connection ends it, and that is no failure.
      held.set(protocol, request.catch(() => held.delete(protocol)) as Promise<void>);
    };
    let published = 0;
    for (const jpeg of options.frames.slice(1)) {
      for (const protocol of protocols) hold(protocol);
      const seqBefore = relay.feed.current()?.pointer.seq;
      await uploadFrame(relay.url, options.token, jpeg);
      await relay.idle();
      await relay.feed.settled();
      // An unchanged frame leaves the video requests held into the next frame.
      if (relay.feed.current()?.pointer.seq !== seqBefore) {
        published++;
        await Promise.all(held.values());
      }
      // The stills viewer: a pointer poll per frame interval (200 or 304), and the image when it changed.
      for (const protocol of protocols) {
        const once = gets[protocol].stills;
        // A connection dropped on a loaded machine is opened again; the request is asked once more.
        const get: Get = (path, headers) => once(path, headers).catch(() => once(path, headers));
        const etag = etags.get(protocol);
        const response = await get('frame', etag ? { 'if-none-match': etag } : {});
        tally(`stills ${protocol}`, response);
        if (response.status !== 200) continue;
        etags.set(protocol, String(response.headers.etag));
        const pointer = JSON.parse(response.body.toString('utf8')) as Pointer;
        const avif = pointer.variants.find((v) => v.format === 'avif' && v.width === 640);
        if (avif) tally(`stills ${protocol}`, await get(avif.url));
      }
    }
    const minutes = (options.frames.length - 1) / FRAMES_PER_MINUTE;
    const rows: Http2Row[] = [];
    for (const viewer of ['stills', 'video'] as const)
      for (const protocol of Object.keys(gets) as Http2Row['protocol'][]) {
        const t = tallies.get(`${viewer} ${protocol}`) ?? { bytes: 0, bodies: 0, requests: 0 };
        rows.push({
          viewer,
          protocol,
          bytesPerViewerMinute: t.bytes / minutes,
          requestsPerFrame: t.requests / (options.frames.length - 1),
          overheadPerRequest: t.requests ? (t.bytes - t.bodies) / t.requests : 0,
        });
      }
    return { frames: options.frames.length - 1, published, rows, skipped: null };
  } finally {
    h1.close();
    h1Video.close();
    h2.close();
    h2Video.close();
    await caddy.stop();
    await relay.dispose();
  }
}
