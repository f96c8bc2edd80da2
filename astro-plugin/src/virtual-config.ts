import type { PosterSource } from './poster.ts';
import type { PortholeConfig } from './schema.ts';

/** The module the component reads its options from. */
export const VIRTUAL_CONFIG = 'virtual:porthole/config';
const RESOLVED = `\0${VIRTUAL_CONFIG}`;

/** The part of a Vite plugin this integration uses (kept local so `vite` is not a dependency). */
interface VirtualModulePlugin {
  name: string;
  resolveId(id: string): string | undefined;
  load(id: string): string | undefined;
}

/**
 * A Vite plugin serving `virtual:porthole/config`: the validated options and the poster, read by
 * `Porthole.astro` on the server only, so none of it reaches the client bundle.
 */
export function virtualConfig(config: PortholeConfig, poster: PosterSource): VirtualModulePlugin {
  const { poster: _source, posterWidth: _width, ...componentConfig } = config;
  const posterImport =
    poster.kind === 'file'
      ? `import poster from ${JSON.stringify(`${poster.path}?url`)};`
      : `const poster = ${JSON.stringify(poster.kind === 'none' ? null : poster.src)};`;
  const source = `${posterImport}\nexport const config = ${JSON.stringify(componentConfig)};\nexport { poster };\n`;
  return {
    name: '@porthole/astro:config',
    resolveId: (id) => (id === VIRTUAL_CONFIG ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? source : undefined),
  };
}
