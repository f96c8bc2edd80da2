/** A tus creation request without data: an unfinished upload for a test to aim HEAD, PATCH or DELETE at. */
import { PATHS, TUS_VERSION } from '@porthole/protocol';
import { TOKEN } from './test-relay.ts';

export interface CreatedUpload {
  /** The relay's answer (201 with `Location` when it accepted). */
  response: Response;
  /** The upload's own URL, from `Location`. */
  url: URL;
}

export async function createTusUpload(base: string, length: number, token = TOKEN): Promise<CreatedUpload> {
  const response = await fetch(new URL(`.${PATHS.tus}/`, base), {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Tus-Resumable': TUS_VERSION,
      'Upload-Length': String(length),
    },
  });
  const location = response.headers.get('location');
  if (!location) throw new Error(`tus creation answered ${response.status} without a Location`);
  return { response, url: new URL(location, base) };
}
