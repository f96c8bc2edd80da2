/**
 * The second baseline of bench 3: a bare Node `http` server (defaults, no framework, no relay code) in its
 * own process, answering with bytes copied from the relay: the same pointer body, 304 and image, with the
 * relay's own headers in the relay's order. What the relay does beyond it is the relay's cost.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { processTreeMemory } from '../process-memory.ts';

/** Plain JavaScript, so the baseline does not pay for type stripping either. */
const SERVER = `
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
let s;
const server = createServer((req, res) => {
  if (req.url === '/frame') {
    if (req.headers['if-none-match'] === s.etag) res.writeHead(304, s.notModified).end();
    else res.writeHead(200, s.ok).end(s.body);
  } else if (req.url === s.variantPath) res.writeHead(200, s.variantHeaders).end(s.variant);
  else res.writeHead(404).end();
});
createInterface({ input: process.stdin }).on('line', (line) => {
  const next = JSON.parse(line);
  next.variant = Buffer.from(next.variant, 'base64');
  s = next;
  process.stdout.write('served\\n');
});
server.listen(0, '127.0.0.1', () => process.stdout.write('listening ' + server.address().port + '\\n'));
`;

/** What the bare server answers: the relay's responses as they were on the wire (minus Date and Connection). */
interface Snapshot {
  etag: string;
  ok: string[];
  body: string;
  notModified: string[];
  variantPath: string;
  variantHeaders: string[];
  variant: string;
}

export interface BareNode {
  url: string;
  pid: number;
  /** Copy the relay's current pointer (200 and 304) and this variant; resolves with the pointer's ETag. */
  copyFrom(relayUrl: string, variantPath: string): Promise<{ etag: string }>;
  memory(): { rss: number; peak: number };
  stop(): Promise<void>;
}

/** `environment`: variables added to this process's for the server (the relay's allocator and heap settings). */
export async function startBareNode(environment: Record<string, string> = {}): Promise<BareNode> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...environment },
  });
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const lines = createInterface({ input: child.stdout! });
  const nextLine = () => new Promise<string>((done) => lines.once('line', done));
  const port = Number((await nextLine()).split(' ')[1]);
  return {
    url: `http://127.0.0.1:${port}/`,
    pid: child.pid!,
    async copyFrom(relayUrl, variantPath) {
      // The camera may move the pointer between the two reads: read again until the 304 matches the 200.
      for (;;) {
        const ok = await rawGet(new URL('frame', relayUrl));
        const etag = headerOf(ok.headers, 'etag');
        const notModified = await rawGet(new URL('frame', relayUrl), { 'If-None-Match': etag });
        if (notModified.status !== 304) continue;
        const variant = await rawGet(new URL(variantPath.slice(1), relayUrl));
        const snapshot: Snapshot = {
          etag,
          ok: wireHeaders(ok.headers),
          body: ok.body.toString(),
          notModified: wireHeaders(notModified.headers),
          variantPath,
          variantHeaders: wireHeaders(variant.headers),
          variant: variant.body.toString('base64'),
        };
        const served = nextLine();
        child.stdin!.write(`${JSON.stringify(snapshot)}\n`);
        await served;
        return { etag };
      }
    },
    memory: () => processTreeMemory(child.pid!),
    async stop() {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      process.off('exit', orphanGuard);
    },
  };
}

function rawGet(url: URL, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: string[]; body: Buffer }>((done, fail) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        done({ status: res.statusCode!, headers: res.rawHeaders, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

const headerOf = (raw: string[], name: string) =>
  raw[raw.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === name) + 1] ?? '';

/** The relay's headers in its order, without those Node adds to every answer itself. */
function wireHeaders(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2)
    if (!/^(date|connection|keep-alive)$/i.test(raw[i]!)) out.push(raw[i]!, raw[i + 1]!);
  return out;
}
