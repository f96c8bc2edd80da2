/**
 * Copies the repository's default loop (../loop) into the package, so an installed relay has
 * frames to play before anyone records their own. Runs as part of `npm run build`.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const from = join(import.meta.dirname, '../loop');
const to = join(import.meta.dirname, 'loop');
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true, filter: (path) => path === from || /\.jpe?g$/i.test(path) });
