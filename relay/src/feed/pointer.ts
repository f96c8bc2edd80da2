/**
 * The pointer: the small JSON that names the frame on screen now. It is built once per change and
 * served many times; only `next` (when to look again) is filled in per request.
 */
import type { FeedMode, PointerVideo } from '@porthole/protocol';
import { publicVariant, type Variant } from '../variant.ts';

/** What the pointer says, before serialisation. */
export interface PointerContent {
  seq: number;
  /** Privacy windows say "live": nothing public tells them apart. */
  mode: FeedMode;
  waves: number;
  variants: Variant[];
  video?: PointerVideo;
}

export interface SerialisedPointer {
  pointer: PointerContent;
  etag: string;
  /** The response body once `next` is known. */
  body(nextMs: number): string;
}

export function serialisePointer(pointer: PointerContent): SerialisedPointer {
  const rest = JSON.stringify({
    seq: pointer.seq,
    mode: pointer.mode,
    waves: pointer.waves,
    variants: pointer.variants.map(publicVariant),
    ...(pointer.video ? { video: pointer.video } : {}),
  });
  // `next` changes with every request but does not change the frame, so the (weak) ETag leaves it out.
  return {
    pointer,
    etag: `W/"${pointer.seq}-${pointer.waves}"`,
    body: (nextMs) => `{"next":${nextMs},${rest.slice(1)}`,
  };
}
