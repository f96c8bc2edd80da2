/**
 * A tus 1.0 request checked before @tus/server sees it, wherever @tus/server would answer otherwise than
 * the spec asks (400 for an unsupported Tus-Resumable instead of 412 with Tus-Version; 403 for a PATCH
 * without Upload-Offset or Content-Type instead of 400 and 415), or would create an upload before
 * refusing it (a creation body longer than its Upload-Length). Refusals come from the relay's error table.
 */
import type { IncomingMessage } from 'node:http';
import { TUS_VERSION } from '@porthole/protocol';
import { Metadata } from '@tus/server';
import { relayError } from '../errors.ts';

/** The only Content-Type a tus PATCH (or a creation that carries bytes) may have. */
export const TUS_OCTETS = 'application/offset+octet-stream';
/** What a 412 must tell the client: the versions the relay speaks. */
const VERSION_HEADERS = { 'Tus-Resumable': TUS_VERSION, 'Tus-Version': TUS_VERSION };
const NON_NEGATIVE_INTEGER = /^(0|[1-9]\d*)$/;

/** Throws the RelayError the spec asks for; returns for a request @tus/server may handle. */
export function checkTusRequest(req: IncomingMessage): void {
  // The spec: a server MUST ignore Tus-Resumable on OPTIONS.
  if (req.method === 'OPTIONS') return;
  const version = header(req, 'tus-resumable');
  if (version === undefined) throw relayError('TUS_RESUMABLE_MISSING', undefined, VERSION_HEADERS);
  if (version !== TUS_VERSION) throw relayError('TUS_VERSION_UNSUPPORTED', undefined, VERSION_HEADERS);
  for (const name of ['Upload-Offset', 'Upload-Length']) {
    const value = header(req, name);
    if (value !== undefined && !(NON_NEGATIVE_INTEGER.test(value) && Number.isSafeInteger(Number(value))))
      throw relayError('TUS_BAD_HEADER', `${name} must be a non-negative integer`);
  }
  const deferred = header(req, 'upload-defer-length');
  if (deferred !== undefined && deferred !== '1')
    throw relayError('TUS_BAD_HEADER', 'Upload-Defer-Length must be 1');
  const metadata = header(req, 'upload-metadata');
  if (metadata !== undefined && !isMetadata(metadata))
    throw relayError('TUS_BAD_HEADER', 'Upload-Metadata must be comma-separated "key base64value" pairs');
  if (req.method === 'POST') checkCreation(req);
  if (req.method === 'PATCH') checkAppend(req);
}

function checkCreation(req: IncomingMessage): void {
  const length = header(req, 'upload-length');
  if ((length === undefined) === (header(req, 'upload-defer-length') === undefined))
    throw relayError('TUS_LENGTH_REQUIRED');
  const carried = header(req, 'content-type') === TUS_OCTETS ? Number(header(req, 'content-length') ?? 0) : 0;
  if (length !== undefined && carried > Number(length)) throw relayError('TUS_PAST_LENGTH');
}

function checkAppend(req: IncomingMessage): void {
  if (header(req, 'content-type') !== TUS_OCTETS) throw relayError('TUS_CONTENT_TYPE');
  if (header(req, 'upload-offset') === undefined) throw relayError('TUS_OFFSET_MISSING');
}

function isMetadata(value: string): boolean {
  try {
    Metadata.parse(value);
    return true;
  } catch {
    return false;
  }
}

/** One header's value; repeated headers arrive joined with ", " and so fail every check above. */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
