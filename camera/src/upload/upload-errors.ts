import type { DetailedError } from 'tus-js-client';

/** Statuses that mean "try the same request again later" rather than "this frame is refused". */
const RETRYABLE_STATUSES = new Set([408, 409, 423, 429]);

function statusOf(error: unknown): number | undefined {
  return (error as Partial<DetailedError>).originalResponse?.getStatus() ?? undefined;
}

/** Network failures and 5xx are worth resuming; other 4xx will fail again the same way. */
export function shouldRetryUpload(error: DetailedError): boolean {
  const status = statusOf(error);
  if (status === undefined) return true;
  return status >= 500 || RETRYABLE_STATUSES.has(status);
}

/** One line for the terminal: the relay's answer when there was one, else the network error. */
export function describeUploadError(error: unknown): string {
  const detailed = error as Partial<DetailedError>;
  const status = statusOf(error);
  if (status !== undefined) {
    const body = (detailed.originalResponse?.getBody() ?? '').trim().split('\n')[0]?.slice(0, 200) ?? '';
    const hint = status === 401 ? ' (check --token)' : '';
    return `relay answered ${status}${body ? `: ${body}` : ''}${hint}`;
  }
  const cause = detailed.causingError;
  const code = (cause as NodeJS.ErrnoException | null | undefined)?.code;
  if (code) return `cannot reach the relay (${code})`;
  if (cause) return `cannot reach the relay (${cause.message})`;
  return error instanceof Error ? error.message : String(error);
}
