/**
 * Serves a built static site from a folder on a loopback port, as a static host would. Paths set in
 * `files` are answered from memory first (a page variant, a camera's latest JPEG); gzip and Cache-Control
 * are there for a bench that wants the bytes a real host would send.
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
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);

export interface ServedFile {
  body: Buffer | string;
  /** Overrides `cacheControl` for this one. */
  cacheControl?: string;
}

export interface StaticSiteOptions {
  /** gzip HTML, JS, CSS, SVG and JSON for clients that accept it. */
  gzip?: boolean;
  /** The `Cache-Control` to send for a path; none where it returns undefined (the default). */
  cacheControl?: (path: string) => string | undefined;
}

export interface StaticSite {
  /** Base URL with a trailing slash. */
  url: string;
  /** Answered from memory instead of the folder, by path (`/index.html`, `/camera/latest.jpg`). */
  files: Map<string, ServedFile>;
  close(): Promise<void>;
}

export async function serveStatic(dir: string, options: StaticSiteOptions = {}): Promise<StaticSite> {
  const files = new Map<string, ServedFile>();
  const find = async (path: string): Promise<ServedFile | undefined> => {
    const held = files.get(path);
    if (held) return held;
    // normalize() resolves "..", and the leading-".." strip keeps every path inside `dir`.
    const inside = normalize(path).replace(/^(\.\.[/\\])+/, '');
    return readFile(join(dir, inside)).then(
      (body) => ({ body }),
      () => undefined,
    );
  };
  const server = createServer(async (req, res) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return void res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad path');
    }
    const candidates = pathname.endsWith('/')
      ? [`${pathname}index.html`]
      : [pathname, `${pathname}/index.html`];
    for (const path of candidates) {
      const file = await find(path);
      if (!file) continue;
      const ext = extname(path);
      const headers: Record<string, string> = { 'Content-Type': TYPES[ext] ?? 'application/octet-stream' };
      const cacheControl = file.cacheControl ?? options.cacheControl?.(path);
      if (cacheControl) headers['Cache-Control'] = cacheControl;
      let body = typeof file.body === 'string' ? Buffer.from(file.body) : file.body;
      if (options.gzip && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding']))) {
        body = gzipSync(body);
        headers['Content-Encoding'] = 'gzip';
      }
      return void res.writeHead(200, headers).end(body);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    files,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
