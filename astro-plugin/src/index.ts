export { default } from './integration.ts';
export type { PortholeConfig, PortholeOptions } from './schema.ts';
export type { FeedState, Frame } from './stores.ts';
