/**
 * GET /video/<seq>: the run of chunks that brings a client showing `seq` up to date, held open until there
 * is one. An up-to-date viewer makes one request per new frame, and the answer is the same for every
 * viewer at that seq, so a CDN coalesces a crowd into one request to the relay.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodeRun, PATHS } from '@porthole/protocol';
import { relayError } from '../errors.ts';
import { sendPrepared } from '../http/respond.ts';
import type { Tape } from '../video/tape.ts';

/** Under the server's 30 s socket timeout, and short enough that a stale mode or wave count is brief. */
export const HOLD_MS = 20_000;

// The hot path's headers, and nothing else: every byte here is paid per frame per viewer.
const RUN_HEADERS = [
  'Content-Type',
  'application/octet-stream',
  // Any run after `seq` is a correct answer for it: a cache may keep one for about a frame.
  'Cache-Control',
  'public, max-age=2',
  'Access-Control-Allow-Origin',
  '*',
  'X-Content-Type-Options',
  'nosniff',
];
const NOTHING_NEW = [...RUN_HEADERS.slice(0, 2), 'Cache-Control', 'no-store', ...RUN_HEADERS.slice(4)];

export interface VideoRouteDeps {
  tape: Tape;
  wavesNow: () => number;
  sawViewer: (req: IncomingMessage) => void;
  holdMs?: number;
}

export function videoRoute(deps: VideoRouteDeps) {
  const holdMs = deps.holdMs ?? HOLD_MS;
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const text = path.slice(PATHS.video.length);
    if (!/^\d{1,10}$/.test(text)) throw relayError('BAD_SEQ');
    const seq = Number(text);
    deps.sawViewer(req);
    await deps.tape.newerThan(seq, holdMs);
    const run = deps.tape.after(seq);
    const newest = run.at(-1);
    if (!newest || res.destroyed) {
      sendPrepared(res, 204, NOTHING_NEW);
      return;
    }
    const chunks = run.map(({ seq, chunk, data }) => ({ seq, key: chunk.key, data }));
    const body = encodeRun({ mode: newest.mode, waves: deps.wavesNow(), chunks });
    sendPrepared(
      res,
      200,
      [...RUN_HEADERS, 'Content-Length', body.length],
      Buffer.from(body.buffer, body.byteOffset, body.length),
    );
  };
}
