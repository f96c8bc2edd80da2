/**
 * A small static file server for the built demo site, compressing text like any real host would, plus
 * `/camera/latest.jpg`: the newest camera upload as-is, no-store (the original design's front end polled
 * exactly that).
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
};
const COMPRESSED = new Set(['.html', '.js', '.css', '.svg', '.json']);

export interface StaticSite {
  url: string;
  /** Pages served from memory instead of the folder, by path (e.g. variants of index.html). */
  pages: Map<string, string>;
  /** The newest camera JPEG, served at /camera/latest.jpg. */
  cameraFrame: Buffer | undefined;
  close(): Promise<void>;
}

export async function serveSite(root: string): Promise<StaticSite> {
  const site: StaticSite = {
    url: '',
    pages: new Map(),
    cameraFrame: undefined,
    close: () => new Promise((done) => server.close(() => done())),
  };
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/camera/latest.jpg') {
      if (!site.cameraFrame) return void res.writeHead(404).end();
      return void res
        .writeHead(200, { 'Content-Type': 'image/jpeg', 'Cache-Control': 'no-store' })
        .end(site.cameraFrame);
    }
    const file = path.endsWith('/') ? `${path}index.html` : path;
    let body: Buffer;
    try {
      const page = site.pages.get(file);
      body =
        page !== undefined
          ? Buffer.from(page)
          : await readFile(join(root, normalize(file).replace(/^(\.\.[/\\])+/, '')));
    } catch {
      return void res.writeHead(404).end();
    }
    const ext = extname(file);
    const headers: Record<string, string> = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': file.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (COMPRESSED.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding']))) {
      body = gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
    }
    res.writeHead(200, headers).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  site.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return site;
}
