/** One encoded variant of a frame, as listed by the relay's `GET /frame`. */
export interface Variant {
  format: 'avif' | 'webp' | 'jpeg';
  width: number;
  height: number;
  bytes: number;
  /** Relative to the `/frame` URL. */
  url: string;
}

/** The relay's pointer JSON (`GET /frame`). */
export interface Pointer {
  seq: number;
  mode: 'live' | 'offline' | 'paused';
  /** Milliseconds until a new frame is worth polling for. */
  next?: number;
  /** Waves received in the last minute. */
  waves?: number;
  variants: Variant[];
}
