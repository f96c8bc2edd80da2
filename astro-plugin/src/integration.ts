import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { resolvePoster } from './poster.ts';
import type { PortholeOptions } from './schema.ts';
import { sourceConditions } from './source-conditions.ts';
import { validateOptions } from './validate-options.ts';
import { virtualConfig } from './virtual-config.ts';

/**
 * The Porthole integration: validates the options when Astro loads its config, finds the poster
 * and hands both to `<Porthole />` through a virtual module.
 *
 * ```js
 * // astro.config.mjs
 * import porthole from '@porthole/astro';
 * export default defineConfig({ integrations: [porthole({ relay: 'https://cam.example.com/' })] });
 * ```
 */
export default function porthole(options?: PortholeOptions): AstroIntegration {
  return {
    name: '@porthole/astro',
    hooks: {
      'astro:config:setup': async ({ config, updateConfig, logger }) => {
        const resolved = validateOptions(options);
        const root = fileURLToPath(config.root);
        const poster = await resolvePoster(resolved.poster, resolved.posterWidth, root, resolved.relay, (m) =>
          logger.info(m),
        );
        updateConfig({
          vite: { plugins: [virtualConfig(resolved, poster)], ...sourceConditions(import.meta.url) },
        });
      },
    },
  };
}
