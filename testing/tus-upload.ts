/** One frame uploaded with tus-js-client, the way the software camera sends it. */
import { HEADERS, PATHS } from '@porthole/protocol';
import * as tus from 'tus-js-client';
import { TOKEN } from './test-relay.ts';

/** Resolves once the upload is complete, with the Porthole headers of the last answer (lower-cased names). */
export function uploadWithTus(
  base: string,
  bytes: Buffer,
  token = TOKEN,
  extra: Partial<tus.UploadOptions> = {},
): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    const upload = new tus.Upload(bytes, {
      endpoint: new URL(`.${PATHS.tus}/`, base).href,
      headers: { Authorization: `Bearer ${token}` },
      uploadSize: bytes.length,
      retryDelays: [0, 100, 200],
      uploadDataDuringCreation: true,
      storeFingerprintForResuming: false,
      onAfterResponse: (_req, res) => {
        const waves = res.getHeader(HEADERS.waves);
        if (waves !== undefined) headers[HEADERS.waves.toLowerCase()] = waves;
      },
      onError: reject,
      onSuccess: () => resolve(headers),
      ...extra,
    });
    upload.start();
  });
}
