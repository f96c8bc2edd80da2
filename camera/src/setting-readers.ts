/**
 * How the settings table reads text: small readers (URL, whole number, duration, non-empty) and
 * the zod schemas built from them, so each bad value says what it expected.
 */
import { parseDuration } from '@porthole/protocol';
import { z } from 'zod';

/** Reads one setting's text; `accepts` finishes "Expected <accepts> for --flag (ENV) but received …". */
export interface Reader<T> {
  accepts: string;
  read(text: string): T | undefined;
}

/** Text read by `reader`; a failure's issue says what was expected. */
function textSchema<T>({ accepts, read }: Reader<T>) {
  return z.string().transform((value, ctx): T => {
    const result = read(value);
    if (result === undefined) {
      ctx.addIssue({ code: 'custom', message: accepts });
      return z.NEVER;
    }
    return result;
  });
}

/** A setting with a default, written as a person would type it (so it goes through the reader too). */
export function withDefault<T>(reader: Reader<T>, defaultText: string) {
  return { schema: textSchema(reader).prefault(defaultText), default: defaultText };
}

/** A setting that may stay unset. */
export function optional<T>(reader: Reader<T>) {
  return { schema: textSchema(reader).optional(), default: undefined };
}

/** An on/off flag with no value and no environment variable. */
export const flagSwitch = { schema: z.boolean().optional(), default: undefined, switch: true as const };

export function relayUrl(value: string): string | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Endpoints are resolved relative to the base, so it must end in a slash.
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

export function wholeNumber(min: number, max: number, accepts: string): Reader<number> {
  return {
    accepts,
    read: (value) => {
      const n = Number(value);
      return Number.isInteger(n) && n >= min && n <= max && value.trim() !== '' ? n : undefined;
    },
  };
}

/** A duration between two bounds written the way the help shows them ("100ms", "1h"). */
export function durationBetween(
  min: string,
  max: string,
  example: string,
): Reader<number> & { range: string } {
  const lo = parseDuration(min) ?? 0;
  const hi = parseDuration(max) ?? Number.POSITIVE_INFINITY;
  return {
    accepts: `a duration from ${min} to ${max}, such as ${example}`,
    range: `${min} to ${max}`,
    read: (value) => {
      const ms = parseDuration(value);
      return ms !== undefined && ms >= lo && ms <= hi ? ms : undefined;
    },
  };
}

export function nonEmpty(accepts: string): Reader<string> {
  return { accepts, read: (value) => (value.trim() === '' ? undefined : value) };
}
