/**
 * The watched relay's process: `startRelay` with the given options, its JSON log lines on stdout, and
 * (for a relay that does not log its privacy windows) every answer of `feed.privacySubstitute` sent to
 * the parent, so the scoring knows which uploads a window replaced. Ready once it says so over IPC.
 */
import { type RelayOptions, startRelay } from '@porthole/relay';
import type { HostMessage } from './spawn.ts';

const send = (message: HostMessage) => process.send?.(message, () => {});
const options = JSON.parse(process.argv[2] ?? '{}') as RelayOptions;
const relay = await startRelay(options, {
  logDestination: { write: (line: string) => process.stdout.write(line) },
});

const feed = relay.feed as unknown as Record<string, unknown>;
const original = feed.privacySubstitute;
if (typeof original === 'function') {
  feed.privacySubstitute = async (...args: unknown[]) => {
    const result = await (original as (...a: unknown[]) => Promise<unknown>).apply(relay.feed, args);
    send({ type: 'substitution', at: Date.now(), substituted: result !== undefined });
    return result;
  };
}

send({ type: 'ready', url: relay.url });
process.once('SIGTERM', () => {
  relay.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
