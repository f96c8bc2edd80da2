/** Pick the best image format a client accepts, from its Accept header. */
import type { VariantFormat } from '@porthole/protocol';

/** AVIF, then WebP, then JPEG (always acceptable: every browser and every <img> decodes it). */
export function preferredFormat(accept: string | undefined): VariantFormat {
  const accepted = new Map<string, number>();
  for (const part of (accept ?? '').toLowerCase().split(',')) {
    const [type = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    accepted.set(type.trim(), q === undefined ? 1 : Number(q));
  }
  if ((accepted.get('image/avif') ?? 0) > 0) return 'avif';
  if ((accepted.get('image/webp') ?? 0) > 0) return 'webp';
  return 'jpeg';
}
