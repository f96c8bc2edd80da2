/**
 * How a request reaches @tus/server and its answer comes back: the same steps as `Server.handle`, with a
 * seam to mend the answer where tus 1.0 asks for more (HEAD's Upload-Metadata verbatim; a refused upload
 * closed only once the client stops sending), and tus's own errors answered from the relay's table.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Server, ERRORS as TUS_ERRORS } from '@tus/server';
import { NodeRequest, sendNodeResponse } from 'srvx/node';
import { ERRORS, type ErrorCode } from '../errors.ts';
import { closeAfterRefusal } from '../http/lingering-close.ts';
import { restoreVerbatimMetadata } from './verbatim-metadata.ts';

export async function serveThroughTus(tus: Server, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const answer = await tus.handleWeb(new NodeRequest({ req, res }));
  if (req.method === 'HEAD') restoreVerbatimMetadata(answer.headers);
  if (answer.status >= 400 && req.method !== 'HEAD') closeAfterRefusal(req, res);
  await sendNodeResponse(res, answer);
}

/** @tus/server's errors (the objects it throws), by the relay's name for each. */
const FROM_TUS = new Map<unknown, ErrorCode>([
  [TUS_ERRORS.INVALID_OFFSET, 'OFFSET_MISMATCH'],
  [TUS_ERRORS.ERR_MAX_SIZE_EXCEEDED, 'PAYLOAD_TOO_LARGE'],
  [TUS_ERRORS.ERR_SIZE_EXCEEDED, 'TUS_PAST_LENGTH'],
  [TUS_ERRORS.FILE_NOT_FOUND, 'NOT_FOUND'],
  [TUS_ERRORS.FILE_NO_LONGER_EXISTS, 'TUS_UPLOAD_GONE'],
  [TUS_ERRORS.INVALID_LENGTH, 'TUS_LENGTH_REFUSED'],
  [TUS_ERRORS.MISSING_OFFSET, 'TUS_OFFSET_MISSING'],
  [TUS_ERRORS.INVALID_CONTENT_TYPE, 'TUS_CONTENT_TYPE'],
  [TUS_ERRORS.INVALID_METADATA, 'TUS_BAD_HEADER'],
  [TUS_ERRORS.UNSUPPORTED_CONCATENATION_EXTENSION, 'TUS_EXTENSION_UNSUPPORTED'],
  [TUS_ERRORS.UNSUPPORTED_CREATION_DEFER_LENGTH_EXTENSION, 'TUS_EXTENSION_UNSUPPORTED'],
]);

/** For @tus/server's onResponseError: its error as the relay's table has it; others stay as they are. */
export function tusErrorAnswer(error: unknown): { status_code: number; body: string } | undefined {
  const code = FROM_TUS.get(error);
  if (!code) return undefined;
  const [status, reason] = ERRORS[code];
  return { status_code: status, body: `${reason}\n` };
}
