import type { PublicVariant, VariantFormat } from '@porthole/protocol';

/**
 * The smallest variant of `format` at least `width` pixels wide (the largest if none is), falling
 * back to JPEG when the relay lists no variant in that format.
 */
export const pickVariant = (
  variants: PublicVariant[],
  format: VariantFormat,
  width: number,
): PublicVariant | undefined => {
  let list = variants.filter((v) => v.format === format);
  if (!list.length) list = variants.filter((v) => v.format === 'jpeg');
  list.sort((a, b) => a.width - b.width);
  return list.find((v) => v.width >= width) ?? list[list.length - 1];
};
