#!/usr/bin/env node
/**
 * `porthole-relay`: read flags and PORTHOLE_* settings, start the relay, stop cleanly on SIGTERM/SIGINT,
 * reload the token file on SIGHUP.
 */
import { ConfigError, helpText, optionsFromCli } from './config.ts';
import { startRelay } from './relay.ts';

/** However stopping goes (the relay's own grace period is 5 s), the process is gone after this long. */
const STOP_DEADLINE_MS = 8_000;

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(helpText());
    return;
  }
  const relay = await startRelay(optionsFromCli(argv, process.env));
  // A parent that spawned us with an IPC channel learns we listen, and where, without parsing log lines.
  // The callback swallows the error of a parent that is already gone.
  process.send?.({ type: 'ready', url: relay.url }, () => {});
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    relay.log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), STOP_DEADLINE_MS).unref();
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => relay.reloadTokens());
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? error.message : `porthole-relay: ${(error as Error).message}`;
  console.error(message);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
