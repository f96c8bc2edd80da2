/** POST /control: the owner (or the camera's hardware switch) pauses and resumes the feed. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlAnswer } from '@porthole/protocol';
import { RelayError, relayError } from '../errors.ts';
import type { Feed } from '../feed/feed.ts';
import { readBody } from '../http/body.ts';
import { sendJson } from '../http/respond.ts';

const CONTROL_BODY_LIMIT = 1024;

export function controlRoute(feed: Feed) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      throw relayError('UNSUPPORTED_MEDIA_TYPE', 'expected application/json');
    const body = await readBody(req, CONTROL_BODY_LIMIT);
    const paused = parseCommand(body);
    feed.setPaused(paused);
    // Answer once the pointer shows it: when the switch hears "accepted", visitors already get the loop.
    await feed.settled();
    const answer: ControlAnswer = { paused, mode: feed.mode() };
    sendJson(res, 200, answer, { 'Cache-Control': 'no-store' });
  };
}

function parseCommand(body: Buffer): boolean {
  let command: unknown;
  try {
    command = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw error instanceof RelayError ? error : relayError('BAD_CONTROL', 'not JSON');
  }
  const paused = (command as { paused?: unknown } | null)?.paused;
  if (typeof paused !== 'boolean') throw relayError('BAD_CONTROL');
  return paused;
}
