/** POST /control: the owner (or the camera's hardware switch) pauses and resumes the feed. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { relayError } from '../errors.ts';
import type { Feed } from '../feed/feed.ts';
import { readBody } from '../http/body.ts';
import { sendJson } from '../http/respond.ts';

const CONTROL_BODY_LIMIT = 1024;

export async function handleControl(req: IncomingMessage, res: ServerResponse, feed: Feed): Promise<void> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    throw relayError('UNSUPPORTED_MEDIA_TYPE', 'expected application/json');
  let command: unknown;
  try {
    command = JSON.parse((await readBody(req, CONTROL_BODY_LIMIT)).toString('utf8'));
  } catch (error) {
    if ((error as { code?: string }).code === 'PAYLOAD_TOO_LARGE') throw error;
    throw relayError('BAD_CONTROL', 'not JSON');
  }
  const paused = (command as { paused?: unknown } | null)?.paused;
  if (typeof paused !== 'boolean') throw relayError('BAD_CONTROL');
  feed.setPaused(paused);
  // Answer once the pointer shows it: when the switch hears "accepted", visitors already get the loop.
  await feed.settled();
  sendJson(res, 200, { paused, mode: feed.mode() }, { 'Cache-Control': 'no-store' });
}
