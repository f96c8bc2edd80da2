/** @porthole/relay: start a relay from code (tests, custom servers) or use the `porthole-relay` CLI. */

export type { RelayConfig, RelayOptions } from './config.ts';
export { ERRORS, type ErrorCode, RelayError } from './errors.ts';
export type { FeedMode } from './feed/schedule.ts';
export type { Variant, VariantFormat } from './pipeline/encode.ts';
export { type Relay, type RelayHooks, startRelay } from './relay.ts';
