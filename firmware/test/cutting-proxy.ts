/**
 * A TCP proxy for tests that breaks connections on purpose: connection number `i` (counted from 0) is cut
 * once `plan(i).up` bytes went from client to server, or `plan(i).down` bytes came back. As on a Wi-Fi link
 * that drops, the client's side fails at once while the server's side goes quiet and only closes
 * `lingerMs` later, so the server has taken in the bytes that did arrive.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface CutPlan {
  /** Forward this many client→server bytes, then cut. */
  up?: number;
  /** Forward this many server→client bytes, then cut. */
  down?: number;
}

export interface CuttingProxy {
  url: string;
  port: number;
  /** Connections accepted so far. */
  connections: number;
  /** Connections cut so far. */
  cuts: number;
  /** Start counting connections from 0 again, with a new plan. */
  replan(plan: (index: number) => CutPlan | undefined): void;
  close(): Promise<void>;
}

export async function startCuttingProxy(
  target: { host: string; port: number },
  initialPlan: (index: number) => CutPlan | undefined = () => undefined,
  lingerMs = 100,
): Promise<CuttingProxy> {
  let plan = initialPlan;
  let index = 0;
  const open = new Set<Socket>();
  const state = { connections: 0, cuts: 0 };

  const server: Server = createServer((client) => {
    const cut = plan(index++) ?? {};
    state.connections++;
    const upstream = connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    let up = 0;
    let down = 0;
    let broken = false;

    const stop = () => {
      broken = true;
      state.cuts++;
      client.pause();
      upstream.pause();
    };
    // Mid-request: the relay gets the bytes that made it, then silence, then an early end; the camera a reset.
    const cutUp = (last: Buffer) => {
      stop();
      upstream.write(last);
      setTimeout(() => upstream.destroy(), lingerMs).unref();
      client.resetAndDestroy();
    };
    // Mid-response: the camera gets part of the answer, then the connection closes.
    const cutDown = (last: Buffer) => {
      stop();
      upstream.destroy();
      client.end(last, () => client.destroy());
    };

    client.on('data', (chunk: Buffer) => {
      if (broken) return;
      if (cut.up !== undefined && up + chunk.length >= cut.up) return cutUp(chunk.subarray(0, cut.up - up));
      up += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (broken) return;
      if (cut.down !== undefined && down + chunk.length >= cut.down)
        return cutDown(chunk.subarray(0, cut.down - down));
      down += chunk.length;
      client.write(chunk);
    });
    const finish = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', finish);
    upstream.on('error', finish);
    client.on('close', () => {
      open.delete(client);
      if (!broken) upstream.destroy();
    });
    upstream.on('close', () => {
      open.delete(upstream);
      if (!broken) client.destroy();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    port: address.port,
    get connections() {
      return state.connections;
    },
    get cuts() {
      return state.cuts;
    },
    replan(next) {
      plan = next;
      index = 0;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
