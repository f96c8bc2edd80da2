/** Slowloris-style clients: hold connections open by sending a request a byte at a time. */
import { connect, type Socket } from 'node:net';

export interface SlowClients {
  /** Connections the server has closed so far, and when (ms after start). */
  closed: number[];
  open(): number;
  stop(): void;
}

/**
 * Open `count` connections to `base` and trickle `request` into each, one byte every `everyMs`;
 * after the request is out, keep trickling `tail` (e.g. a body that never ends).
 */
export function slowClients(
  base: string,
  count: number,
  request: string,
  everyMs: number,
  tail = 'x',
): SlowClients {
  const { hostname, port } = new URL(base);
  const started = performance.now();
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  const closed: number[] = [];
  for (let i = 0; i < count; i++) {
    const socket = connect(Number(port), hostname);
    socket.on('error', () => {});
    socket.on('close', () => closed.push(performance.now() - started));
    socket.resume();
    sockets.push(socket);
    let at = 0;
    timers.push(
      setInterval(() => {
        if (socket.destroyed) return;
        const next = at < request.length ? request[at++]! : tail;
        socket.write(next);
      }, everyMs),
    );
  }
  return {
    closed,
    open: () => sockets.filter((s) => !s.destroyed).length,
    stop() {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
    },
  };
}
