declare module 'virtual:porthole/config' {
  import type { PortholeConfig } from './schema.ts';
  /** The validated options, minus the poster settings. */
  export const config: Omit<PortholeConfig, 'poster' | 'posterWidth'>;
  /** The poster's URL (often a data: URL), or null when there is none. */
  export const poster: string | null;
}
