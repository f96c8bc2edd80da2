/** Cache headers of the public reads, for browsers and CDNs alike. */
import { PUBLIC_READ } from '../http/respond.ts';

/** Short shared caching: a CDN absorbs the crowd and asks the relay about once a second. */
export const POINTER_CACHE = 'public, max-age=1, stale-while-revalidate=4, stale-if-error=60';
/**
 * The poster: a CDN or browser may keep it for half a minute and serve it stale while it refetches;
 * the island replaces it with the live frame anyway. Long stale-if-error: any frame beats none.
 */
export const POSTER_CACHE = 'public, max-age=30, stale-while-revalidate=300, stale-if-error=86400';
/** Content-addressed names never change meaning. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const IMAGE_HEADERS = { ...PUBLIC_READ, 'Cross-Origin-Resource-Policy': 'cross-origin' };
