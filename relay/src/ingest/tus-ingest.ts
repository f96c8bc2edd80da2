/**
 * tus 1.0 resumable ingest at /files/ (@tus/server over @tus/file-store, behind the relay's checks in
 * tus-checks.ts and tus-front.ts). A completed upload is read, handed on exactly once, and its raw bytes deleted.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HEADERS, PATHS, TUS_VERSION } from '@porthole/protocol';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';
import type { Logger } from 'pino';
import { RelayError } from '../errors.ts';
import { completedUploads } from './completed-uploads.ts';
import { sweepInterruptedUploads } from './interrupted-uploads.ts';
import { checkTusRequest } from './tus-checks.ts';
import { serveThroughTus, tusErrorAnswer } from './tus-front.ts';
import { keepVerbatim, verbatimMetadata } from './verbatim-metadata.ts';

/** Where every upload ends: resolves once the frame is validated; rejects with a RelayError. */
export type AcceptFrame = (bytes: Buffer, via: 'tus' | 'multipart') => Promise<void>;
/** Upload ids are the server's own random hex names; anything else (paths, dots, NUL) is not an upload. */
const UPLOAD_ID = /^[0-9a-f]{32}$/;
const UPLOAD_URL = new RegExp(`^${PATHS.tus}/([^/?]+)`);

/** How the router treats /files: tus clients may override the method, and every answer names the version. */
export const TUS_ROUTE = { methodOverride: true, errorHeaders: { 'Tus-Resumable': TUS_VERSION } } as const;

export interface TusIngestOptions {
  directory: string;
  maxUpload: number;
  expiryMs: number;
  trustProxy: boolean;
  accept: AcceptFrame;
  /** Waves since the last upload, for the camera's LED; sent as `Porthole-Waves` on completion. */
  takeWaves: () => number;
  log: Logger;
}

export type TusIngest = ReturnType<typeof createTusIngest>;

export function createTusIngest(options: TusIngestOptions) {
  const { log } = options;
  const completed = completedUploads();
  // Which request completed which upload, so its raw bytes are deleted once that request is answered.
  const finishedBy = new WeakMap<IncomingMessage, string>();
  const datastore = new FileStore({
    directory: options.directory,
    expirationPeriodInMilliseconds: options.expiryMs,
  });

  const tus = new Server({
    path: PATHS.tus,
    datastore,
    maxSize: options.maxUpload,
    relativeLocation: true,
    respectForwardedHeaders: options.trustProxy,
    exposedHeaders: [HEADERS.waves],
    getFileIdFromRequest: (_req, id) => (id && UPLOAD_ID.test(id) ? id : undefined),
    onUploadCreate: async (req, upload) => ({
      metadata: keepVerbatim(upload.metadata, req.headers.get('upload-metadata')),
    }),
    onResponseError: (_req, error) => tusErrorAnswer(error),
    async onUploadFinish(req, upload) {
      const nodeRequest = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
      if (nodeRequest) finishedBy.set(nodeRequest, upload.id);
      const path = upload.storage?.path ?? `${options.directory}/${upload.id}`;
      try {
        await options.accept(await readFile(path), 'tus');
      } catch (error) {
        const known = error instanceof RelayError;
        throw {
          status_code: known ? error.status : 500,
          body: `${known ? error.message : 'internal error'}\n`,
        };
      } finally {
        completed.remember(upload.id, upload.size ?? upload.offset, verbatimMetadata(upload.metadata));
      }
      return { headers: { [HEADERS.waves]: String(options.takeWaves()) } };
    },
  });

  // No request is served before what a crash left behind is cleared (see interrupted-uploads.ts).
  const ready = sweepInterruptedUploads(options.directory, (id) => UPLOAD_ID.test(id)).then(
    (ids) => ids.length > 0 && log.info({ count: ids.length }, 'deleted uploads a crash interrupted'),
    (err: unknown) => log.warn({ err }, 'could not sweep interrupted uploads'),
  );

  const sweep = setInterval(
    () => {
      tus.cleanUpExpiredUploads().then(
        (count) => count > 0 && log.info({ count }, 'deleted stale unfinished uploads'),
        (err: unknown) => log.warn({ err }, 'stale upload sweep failed'),
      );
    },
    Math.max(1_000, Math.min(options.expiryMs / 2, 60_000)),
  );
  sweep.unref();

  return {
    /** Handle a request under /files/ (authorisation is checked before this). */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      await ready;
      checkTusRequest(req);
      const id = UPLOAD_URL.exec(req.url ?? '')?.[1];
      if (completed.answer(id, req, res)) return;
      await serveThroughTus(tus, req, res);
      // tus answers protocol errors itself; they are bad input like any other and get their log line
      // (404 stays quiet, as in the router: scanners probe for ids all day).
      if (res.statusCode >= 400 && res.statusCode !== 404)
        log.warn({ route: 'tus', method: req.method, status: res.statusCode }, 'tus request refused');
      // Raw bytes go as soon as the answer is out (the tus handler still needs them until then).
      const finished = finishedBy.get(req);
      if (finished)
        await datastore
          .remove(finished)
          .catch((err: unknown) => log.warn({ err }, 'could not delete a raw upload'));
    },
    close(): void {
      clearInterval(sweep);
    },
  };
}
