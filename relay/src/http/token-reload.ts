/**
 * Keeps the token table in step with the token file, without a restart: on SIGHUP (the CLI calls `reload`)
 * and whenever the file changes. A file that has become invalid keeps the previous tokens: a typo never locks
 * the owner out, and never stops the relay.
 */
import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import { readTokenFile } from '../config.ts';
import type { TokenTable } from './auth.ts';

/** Editors save in bursts (write a temporary file, rename it over, touch it): read once the burst is over. */
const SETTLE_MS = 150;

export interface TokenReload {
  /** Re-read the file now; false when it is unreadable or invalid (the previous tokens stay). */
  reload(): boolean;
  close(): void;
}

export function reloadTokenFile(file: string, table: TokenTable, log: Logger): TokenReload {
  function reload(): boolean {
    let entries: ReturnType<typeof readTokenFile>;
    try {
      entries = readTokenFile(file);
    } catch (error) {
      // The message names the file and the line, never a token (see readTokenFile).
      log.error(
        { file, reason: (error as Error).message },
        'token file not reloaded; the previous tokens stay',
      );
      return false;
    }
    const before = new Set(table.names());
    table.replace(entries);
    const names = table.names();
    const added = names.filter((name) => !before.has(name));
    const removed = [...before].filter((name) => !names.includes(name));
    log.info({ file, names, added, removed }, 'tokens reloaded');
    return true;
  }

  // The folder, not the file: an editor that saves by renaming a new file over the old one leaves a watch on
  // the file itself looking at the old, deleted one. Kubernetes swaps secrets through a "..data" link.
  const name = basename(file);
  let settle: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file), { persistent: false }, (_event, changed) => {
      if (changed !== null && changed !== name && !changed.startsWith('..')) return;
      clearTimeout(settle);
      settle = setTimeout(reload, SETTLE_MS);
      settle.unref();
    });
    watcher.on('error', (error) => {
      log.warn({ file, reason: error.message }, 'stopped watching the token file; SIGHUP still reloads it');
      watcher?.close();
    });
  } catch (error) {
    log.warn({ file, reason: (error as Error).message }, 'cannot watch the token file; SIGHUP reloads it');
  }

  return {
    reload,
    close() {
      clearTimeout(settle);
      watcher?.close();
    },
  };
}
