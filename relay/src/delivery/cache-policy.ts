/** Cache headers of the public reads, for browsers and CDNs alike. */
import { PUBLIC_READ } from '../http/respond.ts';

/** Short shared caching: a CDN absorbs the crowd and asks the relay about once a second. */
export const POINTER_CACHE = 'public, max-age=1, stale-while-revalidate=4, stale-if-error=60';
/** Content-addressed names never change meaning. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const IMAGE_HEADERS = { ...PUBLIC_READ, 'Cross-Origin-Resource-Policy': 'cross-origin' };
