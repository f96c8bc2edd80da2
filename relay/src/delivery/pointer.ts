/**
 * The pointer: the small JSON that names the frame on screen now. It is built once per change and
 * served many times; only `next` (when to look again) is filled in per request.
 */

import type { FeedMode } from '../feed/schedule.ts';
import type { Variant } from '../pipeline/encode.ts';

export interface Pointer {
  seq: number;
  /** Privacy windows say "live": nothing public tells them apart. */
  mode: FeedMode;
  waves: number;
  variants: Variant[];
}

export interface SerialisedPointer {
  pointer: Pointer;
  etag: string;
  /** The response body once `next` is known. */
  body(nextMs: number): string;
}

/** A variant as the public sees it: its URL (relative to the pointer), never the store's name alone. */
export function publicVariant({ format, width, height, bytes, name }: Variant) {
  return { format, width, height, bytes, url: `frames/${name}` };
}

export function serialisePointer(pointer: Pointer): SerialisedPointer {
  const rest = JSON.stringify({
    seq: pointer.seq,
    mode: pointer.mode,
    waves: pointer.waves,
    variants: pointer.variants.map(publicVariant),
  });
  // `next` changes with every request but does not change the frame, so the (weak) ETag leaves it out.
  return {
    pointer,
    etag: `W/"${pointer.seq}-${pointer.waves}"`,
    body: (nextMs) => `{"next":${nextMs},${rest.slice(1)}`,
  };
}
