import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How the component gets its poster: inlined bytes, a URL used as-is, a local file for Vite to emit, or none. */
export type PosterSource =
  | { kind: 'inline'; src: string }
  | { kind: 'url'; src: string }
  | { kind: 'file'; path: string }
  | { kind: 'none' };

type Warn = (message: string) => void;
type Shrink = (file: string, width: number) => Promise<Buffer | undefined>;

const imageTypes: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

// Files this small are inlined even without sharp: no request, and too few bits per pixel to
// become the page's Largest Contentful Paint.
const INLINE_AS_IS_BYTES = 24 * 1024;

/**
 * Finds the poster at build time. A folder (such as the loop) yields its first frame in name
 * order. A missing poster is a warning, never a failed build: the hero then shows its tint
 * until the first live frame.
 */
export async function resolvePoster(
  poster: string | URL | false,
  width: number,
  root: string,
  warn: Warn,
  shrink: Shrink = shrinkWithSharp,
): Promise<PosterSource> {
  if (poster === false) return { kind: 'none' };
  if (poster instanceof URL && poster.protocol !== 'file:') return { kind: 'url', src: poster.href };
  if (typeof poster === 'string' && (/^https?:\/\//i.test(poster) || poster.startsWith('/'))) {
    return { kind: 'url', src: poster };
  }
  const file = await firstImage(poster instanceof URL ? fileURLToPath(poster) : resolve(root, poster));
  if (!file) {
    warn(
      `No poster image found at "${poster}" (a JPEG, PNG, WebP or AVIF file, or a folder of them). The hero shows its own background until the first frame; set \`poster\` to a file, a URL or false.`,
    );
    return { kind: 'none' };
  }
  const type = imageTypes[extname(file).toLowerCase()] ?? 'image/jpeg';
  const small = await shrink(file, width);
  if (small) return { kind: 'inline', src: `data:image/jpeg;base64,${small.toString('base64')}` };
  const bytes = await readFile(file);
  if (bytes.length <= INLINE_AS_IS_BYTES)
    return { kind: 'inline', src: `data:${type};base64,${bytes.toString('base64')}` };
  return { kind: 'file', path: file };
}

async function firstImage(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile()) return extname(path).toLowerCase() in imageTypes ? path : undefined;
  if (!info?.isDirectory()) return undefined;
  const names = (await readdir(path)).filter((name) => extname(name).toLowerCase() in imageTypes).sort();
  return names[0] === undefined ? undefined : join(path, names[0]);
}

// sharp is optional (Astro installs it for its image service); without it the poster is used as-is.
async function shrinkWithSharp(file: string, width: number): Promise<Buffer | undefined> {
  try {
    const { default: sharp } = await import('sharp');
    return await sharp(file)
      .resize({ width, withoutEnlargement: true })
      .jpeg({ quality: 55, mozjpeg: true })
      .toBuffer();
  } catch {
    return undefined;
  }
}
