/** A virtual X display of its own, for a browser that has no headless mode (WebKitGTK's MiniBrowser). */
import { spawn } from 'node:child_process';

export const XVFB_PATH = process.env.PORTHOLE_XVFB ?? '/usr/bin/Xvfb';

export interface VirtualDisplay {
  /** The `DISPLAY` value, e.g. `:5`. */
  display: string;
  close(): Promise<void>;
}

/**
 * Starts Xvfb on a free display number: Xvfb picks it and writes it to a pipe once it accepts
 * connections, so neither a guessed number nor a timed wait is needed.
 */
export async function startXvfb(timeoutMs = 10_000): Promise<VirtualDisplay> {
  // Large enough for a 2× window of any size the tests ask for.
  const xvfb = spawn(XVFB_PATH, ['-displayfd', '3', '-screen', '0', '2600x1800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => xvfb.once('exit', () => done()));
  // Never outlive the tests, even when they end without closing it.
  const onExit = () => xvfb.kill();
  process.once('exit', onExit);
  let stderr = '';
  xvfb.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const stop = async () => {
    process.off('exit', onExit);
    if (xvfb.exitCode === null && xvfb.signalCode === null) xvfb.kill();
    await exited;
  };
  const display = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Xvfb did not start in ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    let written = '';
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      written += chunk;
      if (written.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${written.trim()}`);
      }
    });
    xvfb.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    xvfb.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code}): ${stderr}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  return { display, close: stop };
}
