/** @porthole/relay: start a relay from code (tests, custom servers) or use the `porthole-relay` CLI. */

export type { FeedMode, Pointer, PublicVariant, RelayStatus, VariantFormat } from '@porthole/protocol';
export type { RelayConfig, RelayOptions } from './config.ts';
export { ERRORS, type ErrorCode, RelayError } from './errors.ts';
export { readLegacyFrame } from './ingest/legacy-upload.ts';
export { type NormaliseOptions, normaliseFrame } from './pipeline/normalise.ts';
export { GROUP_FRAMES, type Relay, type RelayHooks, startRelay } from './relay.ts';
export type { Variant } from './variant.ts';
