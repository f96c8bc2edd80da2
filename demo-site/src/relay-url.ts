/**
 * The relay this build talks to, from PORTHOLE_RELAY_URL at build time (the same value the
 * integration gets in astro.config.mjs), for pages that call the relay themselves.
 */
export const relayUrl: string = process.env.PORTHOLE_RELAY_URL ?? 'http://127.0.0.1:8787/';
