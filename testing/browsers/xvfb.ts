/** A virtual X display of its own, for a browser that has no headless mode (WebKitGTK's MiniBrowser). */
import { spawnTied } from './tied-process.ts';

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
  // Small on purpose: with no window manager, keyboard focus follows the pointer, which rests at
  // the screen's centre. A window at the origin covers that centre (so its page has focus) once it
  // is 200×150 or larger; windows may be larger than the screen.
  const xvfb = spawnTied(XVFB_PATH, ['-displayfd', '3', '-screen', '0', '400x300x24', '-nolisten', 'tcp'], {
    extraFds: 1,
  });
  let stderr = '';
  xvfb.child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  let written = '';
  const display = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Xvfb did not start in ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    xvfb.child.stdio[3]?.on('data', (chunk: Buffer) => {
      written += chunk;
      if (written.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${written.trim()}`);
      }
    });
    xvfb.exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited: ${stderr}`));
    });
  }).catch(async (error) => {
    await xvfb.kill();
    throw error;
  });
  return { display, close: xvfb.kill };
}
