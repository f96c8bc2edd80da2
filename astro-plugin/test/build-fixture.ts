import { build } from 'astro';

/**
 * Builds `test/fixtures/<name>` with the real integration, into `outDir` when given. `env` is
 * applied for the build only (the relay URL comes from PORTHOLE_RELAY_URL there).
 */
export async function buildFixture(
  name: string,
  { outDir, env = {} }: { outDir?: string; env?: Record<string, string> } = {},
): Promise<URL> {
  const root = new URL(`./fixtures/${name}/`, import.meta.url);
  const before = { ...process.env };
  Object.assign(process.env, { ASTRO_TELEMETRY_DISABLED: '1' }, env);
  try {
    await build({ root: root.pathname, logLevel: 'silent', ...(outDir ? { outDir } : {}) });
  } finally {
    for (const key of Object.keys(env)) {
      if (before[key] === undefined) delete process.env[key];
      else process.env[key] = before[key];
    }
  }
  return new URL(outDir ? `file://${outDir}/` : 'dist/', root);
}
