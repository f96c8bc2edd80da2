/**
 * An HTTP forward proxy that puts scripts at the top of every HTML document it passes on: init
 * scripts for a driver that has none (classic WebDriver). Everything else is streamed untouched.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptInjectingProxy {
  /** `host:port`, as a WebDriver `proxy` capability takes it. */
  address: string;
  close(): Promise<void>;
}

/** Inline scripts, escaped so that a `</script>` inside one cannot end it early. */
const scriptTags = (sources: string[]) =>
  sources.map((source) => `<script>${source.replaceAll('</script', '<\\/script')}</script>`).join('');

/** After `<head …>` (or before everything when the document has none), so they run first. */
export const injectScripts = (html: string, sources: string[]): string => {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  const at = head ? head.index + head[0].length : 0;
  return html.slice(0, at) + scriptTags(sources) + html.slice(at);
};

export async function startScriptInjectingProxy(sources: string[]): Promise<ScriptInjectingProxy> {
  const server = createServer((req, res) => {
    // A forward proxy is asked for absolute URLs; only plain HTTP is needed (the tests use loopback).
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    delete headers['accept-encoding']; // the HTML must arrive uncompressed to be edited
    const upstream = request(req.url ?? '', { method: req.method, headers }, (answer) => {
      answer.on('error', () => res.destroy());
      const type = String(answer.headers['content-type'] ?? '');
      if (!type.startsWith('text/html')) {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = Buffer.from(injectScripts(Buffer.concat(chunks).toString('utf8'), sources));
        const { 'content-length': _, ...rest } = answer.headers;
        res.writeHead(answer.statusCode ?? 200, { ...rest, 'content-length': body.length });
        res.end(body);
      });
    });
    // An unreachable origin stays unreachable for the page: its connection is dropped.
    upstream.on('error', () => res.destroy());
    // A page that goes away mid-request (closed, reloaded) must not take the test process with it.
    req.on('error', () => upstream.destroy());
    res.on('error', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
