/**
 * The environment of a user's shell, for commands that must behave as they would outside the
 * repository: none of the repository's bins on PATH, and none of the settings npm passes to the
 * scripts it runs (above all NODE_OPTIONS=--conditions=porthole-source, which would make the
 * installed packages look for their TypeScript sources).
 */
import { delimiter, dirname } from 'node:path';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

const FROM_NPM = /^(npm_|NODE_OPTIONS$|INIT_CWD$|NODE$|COLOR$)/i;

/** `process.env` without npm's script settings, with `node` (the binary path given) first on PATH. */
export function userEnv(node: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!FROM_NPM.test(key)) env[key] = value;
  const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir && !dir.startsWith(REPO_ROOT));
  env.PATH = [dirname(node), ...path].join(delimiter);
  // Quiet, reproducible npm: no update check, audit or funding requests.
  Object.assign(env, {
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  });
  return { ...env, ...extra };
}
