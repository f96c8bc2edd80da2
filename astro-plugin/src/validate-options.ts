import type { z } from 'zod';
import { optionsSchema, type PortholeConfig, type PortholeOptions } from './schema.ts';

/** The environment variable that supplies the relay URL when `relay` is not set in the config. */
export const RELAY_ENV = 'PORTHOLE_RELAY_URL';

/**
 * Checks the integration's options against the schema and fills in defaults. A bad option throws
 * one error naming every offending option, what it accepts and what it received.
 */
export function validateOptions(
  options: PortholeOptions | undefined,
  env: Record<string, string | undefined> = process.env,
): PortholeConfig {
  const input = { ...options, relay: options?.relay ?? env[RELAY_ENV] };
  const result = optionsSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new Error(`Invalid @porthole/astro options:\n${describeIssues(result.error.issues)}`);
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const name = issue.path.join('.') || '(options)';
      const hint =
        name === 'relay' ? ` Set porthole({ relay }) or the ${RELAY_ENV} environment variable.` : '';
      const received = 'input' in issue ? `, received ${JSON.stringify(issue.input) ?? 'nothing'}` : '';
      return `  - ${name}: ${issue.message}${received}.${hint}`;
    })
    .join('\n');
}
