// @ts-check
import porthole from '@porthole/astro';
import { defineConfig } from 'astro/config';

// One build can point at a local, staging or production relay.
const relay = process.env.PORTHOLE_RELAY_URL ?? 'http://127.0.0.1:8787/';

export default defineConfig({
  site: 'https://porthole.example/',
  // The demo is for looking at the feed; the dev toolbar would sit on top of it.
  devToolbar: { enabled: false },
  integrations: [
    porthole({
      relay,
      // The repository's default loop doubles as the poster shown before the first live frame.
      poster: '../loop',
      look: { opacity: 0.75 },
    }),
  ],
});
