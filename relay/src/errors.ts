/**
 * Every error the relay answers with, in one table: status and a one-line reason. Handlers throw
 * `relayError(code)`; the HTTP layer turns it into the response and the log line.
 */
export const ERRORS = {
  UNAUTHORIZED: [401, 'missing or wrong bearer token'],
  FORBIDDEN: [403, 'this token may not do that'],
  NOT_FOUND: [404, 'no such resource'],
  METHOD_NOT_ALLOWED: [405, 'method not allowed here'],
  PAYLOAD_TOO_LARGE: [413, 'the upload is larger than the relay accepts (--max-upload)'],
  UNSUPPORTED_FORMAT: [415, 'not a JPEG, PNG or WebP image'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'unexpected Content-Type for this endpoint'],
  EMPTY_FRAME: [422, 'the upload is empty'],
  DIMENSIONS_TOO_LARGE: [422, 'the image is larger than the relay accepts (--max-dimension, --max-pixels)'],
  CORRUPT_FRAME: [422, 'the image is truncated or corrupt'],
  BAD_MULTIPART: [400, 'expected multipart/form-data with exactly one file field "img"'],
  BAD_CONTROL: [400, 'expected JSON like {"paused": true}'],
  RATE_LIMITED: [429, 'too many requests; try again later'],
  BAD_SEQ: [400, 'expected /video/<seq> with seq a whole number (0: from the newest key)'],
  NO_FRAME_YET: [503, 'no frame published yet; try again shortly'],
  OFFSET_MISMATCH: [409, 'Upload-Offset does not match the bytes received so far'],
  // tus 1.0 (https://tus.io/protocols/resumable-upload): what the protocol asks a server to answer.
  TUS_RESUMABLE_MISSING: [412, 'a tus request needs Tus-Resumable: 1.0.0'],
  TUS_VERSION_UNSUPPORTED: [412, 'the relay speaks tus 1.0.0 only (see Tus-Version)'],
  TUS_CONTENT_TYPE: [415, 'a tus PATCH needs Content-Type: application/offset+octet-stream'],
  TUS_OFFSET_MISSING: [400, 'a tus PATCH needs Upload-Offset'],
  TUS_BAD_HEADER: [400, 'a tus header is malformed'],
  TUS_LENGTH_REQUIRED: [400, 'a tus creation needs either Upload-Length or Upload-Defer-Length: 1'],
  TUS_LENGTH_REFUSED: [
    400,
    'Upload-Length cannot be declared now: it is set already, or below the bytes received',
  ],
  TUS_PAST_LENGTH: [413, 'the bytes run past the upload’s Upload-Length'],
  TUS_UPLOAD_GONE: [410, 'the upload expired; start a new one'],
  TUS_EXTENSION_UNSUPPORTED: [501, 'that tus extension is not offered here (see Tus-Extension)'],
  // What Node's own HTTP parser refuses, before any route.
  MALFORMED_REQUEST: [400, 'malformed HTTP request'],
  REQUEST_TIMEOUT: [408, 'the request took too long to arrive'],
  HEADERS_TOO_LARGE: [431, 'request headers are too large'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof ERRORS;

export class RelayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra response headers, e.g. Retry-After. */
  readonly headers: Record<string, string>;
  constructor(code: ErrorCode, detail?: string, headers: Record<string, string> = {}) {
    const [status, reason] = ERRORS[code];
    super(detail ? `${reason}: ${detail}` : reason);
    this.code = code;
    this.status = status;
    this.headers = headers;
  }
}

export const relayError = (code: ErrorCode, detail?: string, headers?: Record<string, string>) =>
  new RelayError(code, detail, headers);
