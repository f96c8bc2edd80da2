import { createServer } from 'node:net';

/** Resolves true when nothing listens on host:port (we could bind it ourselves). */
export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

export interface PortNeed {
  port: number;
  /** What wants the port, for the message: "the relay". */
  what: string;
  /** The environment variable that moves it: PORTHOLE_PORT. */
  env: string;
}

/** One line per port already in use, saying what needs it and how to choose another. */
export async function portClashes(needs: PortNeed[], host: string): Promise<string[]> {
  const clashes: string[] = [];
  for (const need of needs) {
    if (!(await portIsFree(need.port, host))) {
      clashes.push(
        `Port ${need.port} on ${host} is already in use, and ${need.what} needs it. ` +
          `Stop whatever holds it (\`lsof -i :${need.port}\` shows it; an earlier npm start?) ` +
          `or pick another port: ${need.env}=${need.port + 1} npm start`,
      );
    }
  }
  return clashes;
}
