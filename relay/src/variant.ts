/**
 * The variant model: one encoded still of a frame, as the pipeline makes it, the store keeps it and the
 * delivery serves it. Formats, extensions and content types come from the wire contract.
 */
import { type PublicVariant, VARIANT_FILE, VARIANT_FORMATS, type VariantFormat } from '@porthole/protocol';

export interface Variant {
  format: VariantFormat;
  width: number;
  height: number;
  bytes: number;
  /** Content-addressed file name: the same pixels always get the same name, new pixels a new one. */
  name: string;
}

export interface EncodedVariant extends Variant {
  data: Buffer;
}

/** `<24 hex digits of the content's sha256>-<width>.<extension>`. */
export function variantName(hash: string, width: number, format: VariantFormat): string {
  return `${hash.slice(0, 24)}-${width}.${VARIANT_FILE[format].extension}`;
}

const EXTENSIONS = VARIANT_FORMATS.map((f) => VARIANT_FILE[f].extension).join('|');
/**
 * Every name the frame store holds, a still variant or a video chunk (`<hash>.obu`): the names the relay
 * itself produces. Anything else asked of /frames/ is refused before touching the disk.
 */
export const STORED_NAME = new RegExp(`^[0-9a-f]{24}(-\\d{1,4}\\.(${EXTENSIONS})|\\.obu)$`);

/** The content type a stored name is served with. */
export const contentTypeOfName = (name: string): string =>
  name.endsWith('.obu') ? 'application/octet-stream' : contentTypeOf(formatOfName(name));

/** The format a stored name was encoded in (names are always the relay's own: see STORED_NAME). */
export function formatOfName(name: string): VariantFormat {
  const extension = name.slice(name.lastIndexOf('.') + 1);
  return VARIANT_FORMATS.find((f) => VARIANT_FILE[f].extension === extension) ?? 'jpeg';
}

export const contentTypeOf = (format: VariantFormat): string => VARIANT_FILE[format].contentType;

/** A variant as the public sees it: its URL (relative to the relay's base), never the store's name alone. */
export function publicVariant({ format, width, height, bytes, name }: Variant): PublicVariant {
  return { format, width, height, bytes, url: `frames/${name}` };
}

/** The widest variant in a format. */
export function widestIn(variants: readonly Variant[], format: VariantFormat): Variant | undefined {
  return variants.filter((v) => v.format === format).sort((a, b) => b.width - a.width)[0];
}

/** Just the description, without the bytes (what state and manifests keep). */
export const describe = ({ data: _, ...variant }: EncodedVariant): Variant => variant;
