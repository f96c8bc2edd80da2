/**
 * A TCP proxy on loopback that breaks connections on purpose, the way Wi-Fi and mobile links do: each
 * accepted connection gets at most one fault from a plan, triggered once a given number of bytes has
 * crossed in one direction. Byte offsets are exact (chunks are split at the offset), so the same plan
 * gives the same faults run after run.
 */
import { connect, createServer, type Socket } from 'node:net';

/** Which way the bytes flow: `up` is client to server (the request), `down` server to client. */
export type Direction = 'up' | 'down';

export type Fault =
  /** Forward `afterBytes`, then close both sides (FIN): the peer sees a short request or response. */
  | { kind: 'cut'; direction: Direction; afterBytes: number }
  /** Forward `afterBytes`, then reset both sides (RST): bytes still in flight may be lost. */
  | { kind: 'reset'; direction: Direction; afterBytes: number }
  /** Forward `afterBytes`, then hold everything in that direction for `forMs`, then carry on. */
  | { kind: 'stall'; direction: Direction; afterBytes: number; forMs: number }
  /** Forward `afterBytes`, then at most `chunkBytes` every `everyMs`: a link slowed to a trickle. */
  | { kind: 'trickle'; direction: Direction; afterBytes: number; chunkBytes: number; everyMs: number };

export type FaultKind = Fault['kind'];

/** The fault for connection number `index` (0, 1, 2, … in accept order), or undefined to pass it intact. */
export type FaultPlan = (index: number) => Fault | undefined;

export interface FaultProxyStats {
  connections: number;
  /** Faults that actually fired (a connection that closed before its offset was reached is not counted). */
  fired: Record<FaultKind, number>;
  bytesUp: number;
  bytesDown: number;
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT/`, for HTTP clients. */
  url: string;
  port: number;
  readonly stats: FaultProxyStats;
  /** Replace the plan and count connections from 0 again. */
  setPlan(plan: FaultPlan): void;
  /** Stop listening and drop every open connection. */
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  /** Where to forward: a loopback host and port, or a URL on loopback. */
  target: { host: string; port: number } | string;
  plan?: FaultPlan;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\]|localhost)$/;
// Past this many queued bytes the sending side is paused, so a stalled link holds memory bounded.
const HIGH_WATER = 256 * 1024;

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = parseTarget(options.target);
  let plan: FaultPlan = options.plan ?? (() => undefined);
  let index = 0;
  const open = new Set<Socket>();
  const stats: FaultProxyStats = {
    connections: 0,
    fired: { cut: 0, reset: 0, stall: 0, trickle: 0 },
    bytesUp: 0,
    bytesDown: 0,
  };

  const server = createServer((client) => {
    stats.connections++;
    const fault = plan(index++);
    const upstream = connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    let over = false;
    const end = (how: 'close' | 'reset' | 'destroy') => {
      if (over) return;
      over = true;
      for (const socket of [client, upstream]) {
        if (how === 'reset' && !socket.destroyed) socket.resetAndDestroy();
        else if (how === 'close') socket.end(() => socket.destroy());
        else socket.destroy();
      }
    };
    const fire = (kind: FaultKind) => {
      stats.fired[kind]++;
      if (kind === 'cut') end('close');
      if (kind === 'reset') end('reset');
    };
    relay(client, upstream, fault?.direction === 'up' ? fault : undefined, fire, (n) => {
      stats.bytesUp += n;
    });
    relay(upstream, client, fault?.direction === 'down' ? fault : undefined, fire, (n) => {
      stats.bytesDown += n;
    });
    for (const socket of [client, upstream]) {
      socket.on('error', () => end('destroy'));
      // A clean close arrives as 'end' and is passed on once the queue drains; an abrupt one as 'error'.
      socket.on('close', () => open.delete(socket));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fault proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    port: address.port,
    stats,
    setPlan(next) {
      plan = next;
      index = 0;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Carry bytes from `from` to `to`, applying `fault` when its offset is reached. A queue sits in between
 * so a stall or a trickle can hold bytes back in order.
 */
function relay(
  from: Socket,
  to: Socket,
  fault: Fault | undefined,
  fire: (kind: FaultKind) => void,
  count: (bytes: number) => void,
): void {
  const queue: Buffer[] = [];
  let queued = 0;
  let forwarded = 0;
  let fired = false;
  let trickling = false;
  let waiting = false;
  let ended = false;

  const pump = () => {
    while (!waiting && queue.length > 0) {
      let piece = queue[0]!;
      let limit = trickling && fault?.kind === 'trickle' ? fault.chunkBytes : piece.length;
      if (fault && !fired) limit = Math.min(limit, fault.afterBytes - forwarded);
      if (limit < piece.length) {
        queue[0] = piece.subarray(limit);
        piece = piece.subarray(0, limit);
      } else {
        queue.shift();
      }
      queued -= piece.length;
      if (piece.length > 0 && to.writable) {
        to.write(piece);
        forwarded += piece.length;
        count(piece.length);
      }
      if (fault && !fired && forwarded >= fault.afterBytes) {
        fired = true;
        fire(fault.kind);
        if (fault.kind === 'cut' || fault.kind === 'reset') {
          queue.length = 0;
          return;
        }
        if (fault.kind === 'stall') hold(fault.forMs);
        if (fault.kind === 'trickle') trickling = true;
      }
      if (trickling && fault?.kind === 'trickle' && piece.length > 0) hold(fault.everyMs);
    }
    if (queued < HIGH_WATER && !from.destroyed) from.resume();
    if (queue.length === 0 && ended && to.writable) to.end();
  };
  const hold = (ms: number) => {
    waiting = true;
    setTimeout(() => {
      waiting = false;
      pump();
    }, ms);
  };

  from.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued >= HIGH_WATER) from.pause();
    pump();
  });
  from.on('end', () => {
    ended = true;
    pump();
  });
}

function parseTarget(target: FaultProxyOptions['target']): { host: string; port: number } {
  const { host, port } =
    typeof target === 'string'
      ? (() => {
          const url = new URL(target);
          return { host: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) };
        })()
      : target;
  if (!LOOPBACK.test(host)) {
    throw new Error(`Expected a loopback host (127.x.x.x, ::1, localhost) for target but received ${host}`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`Expected a TCP port (1-65535) for target but received ${port}`);
  }
  return { host: host.replace(/^\[|\]$/g, ''), port };
}
