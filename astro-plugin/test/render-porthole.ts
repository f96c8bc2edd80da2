import { getViteConfig } from 'astro/config';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { createServer } from 'vite';
import porthole from '../src/integration.ts';
import type { PortholeOptions } from '../src/schema.ts';

const root = new URL('./fixtures/container/', import.meta.url).pathname;

/**
 * Renders `<Porthole />` with the Container API, its options going through the real integration
 * (validation, poster, virtual module) inside a Vite server that compiles the component.
 */
export async function renderPorthole(
  options: PortholeOptions,
  props: Record<string, unknown> = {},
): Promise<string> {
  const viteConfig = await getViteConfig(
    { server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom', logLevel: 'silent' },
    {
      root,
      configFile: false,
      logLevel: 'silent',
      devToolbar: { enabled: false },
      integrations: [porthole(options)],
    },
  )({ mode: 'test', command: 'serve' });
  const server = await createServer({ ...viteConfig, configFile: false });
  try {
    const { default: Porthole } = await server.ssrLoadModule('@porthole/astro/Porthole.astro');
    const container = await AstroContainer.create();
    return await container.renderToString(Porthole, { props });
  } finally {
    await server.close();
  }
}
