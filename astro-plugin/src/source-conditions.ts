/**
 * Inside the Porthole repository Node runs the packages from their TypeScript sources (the
 * `porthole-source` export condition, which the repository's .npmrc sets). Vite resolves the
 * component's and the island's imports itself, so it must be given the same condition, or the page
 * would load the built copy of the stores beside the source one. Installed from npm the integration
 * is JavaScript, and this adds nothing.
 */

const SOURCE = 'porthole-source';
// Setting conditions replaces Vite's defaults (Vite 6 and later), so they are repeated; a test
// checks them against the installed Vite.
const CLIENT_DEFAULTS = ['module', 'browser', 'development|production'];
const SERVER_DEFAULTS = ['module', 'node', 'development|production'];
const EXTERNAL_DEFAULTS = ['node', 'module-sync'];

export interface SourceConditions {
  resolve?: { conditions: string[] };
  ssr?: { resolve: { conditions: string[]; externalConditions: string[] } };
}

/** Vite settings that resolve @porthole/* to sources, when `moduleUrl` (the caller's own) is a source. */
export function sourceConditions(moduleUrl: string): SourceConditions {
  if (!moduleUrl.endsWith('.ts')) return {};
  return {
    resolve: { conditions: [SOURCE, ...CLIENT_DEFAULTS] },
    ssr: {
      resolve: {
        conditions: [SOURCE, ...SERVER_DEFAULTS],
        externalConditions: [SOURCE, ...EXTERNAL_DEFAULTS],
      },
    },
  };
}
