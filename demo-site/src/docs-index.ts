/** The documentation pages, in reading order; the sidebar and the docs index list these. */
export const docs = [
  {
    href: '/docs/quick-start/',
    title: 'Quick start',
    summary: 'Put the feed behind your hero in five minutes.',
  },
  {
    href: '/docs/relay/',
    title: 'Running the relay',
    summary: 'Locally, behind a reverse proxy with TLS, behind a CDN.',
  },
  { href: '/docs/firmware/', title: 'Flashing the camera', summary: 'ESP32-CAM firmware with PlatformIO.' },
  {
    href: '/docs/privacy/',
    title: 'Privacy',
    summary: 'What is stripped, masks, privacy windows, where to point the camera.',
  },
  {
    href: '/docs/recordings/',
    title: 'Recordings',
    summary: 'The live feed as HLS for any player; daily timelapses.',
  },
  { href: '/docs/api/', title: 'Relay HTTP API', summary: 'Every endpoint, its headers and its answers.' },
  {
    href: '/docs/configuration/',
    title: 'Configuration',
    summary: 'Every setting of the relay, the integration and the camera.',
  },
] as const;
