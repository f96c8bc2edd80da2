import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PATHS } from '@porthole/protocol';

/** How the component gets its poster: inlined bytes, a URL used as-is, a local file for Vite to emit, or none. */
export type PosterSource =
  | { kind: 'inline'; src: string }
  | { kind: 'url'; src: string }
  | { kind: 'file'; path: string }
  | { kind: 'none' };

type Note = (message: string) => void;
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
 * The relay's `GET /poster`: the frame on air as a JPEG, briefly cacheable, so the server-rendered
 * hero shows a real frame before any script runs even when the site has no poster of its own.
 */
export function relayPosterUrl(relay: string): string {
  return `${relay}${PATHS.poster.slice(1)}`;
}

/**
 * Finds the poster at build time. A folder (such as the loop) yields its first frame in name
 * order. Without a local poster the relay's own is used (a note, never a failed build), so a site
 * whose only option is `relay` still shows a frame before JavaScript runs.
 */
export async function resolvePoster(
  poster: string | URL | false,
  width: number,
  root: string,
  relay: string,
  note: Note,
  shrink: Shrink = shrinkWithSharp,
): Promise<PosterSource> {
  if (poster === false) return { kind: 'none' };
  if (poster instanceof URL && poster.protocol !== 'file:') return { kind: 'url', src: poster.href };
  if (typeof poster === 'string' && (/^https?:\/\//i.test(poster) || poster.startsWith('/'))) {
    return { kind: 'url', src: poster };
  }
  const file = await firstImage(poster instanceof URL ? fileURLToPath(poster) : resolve(root, poster));
  if (!file) {
    const src = relayPosterUrl(relay);
    note(
      `No poster image found at "${poster}" (a JPEG, PNG, WebP or AVIF file, or a folder of them); the hero starts with the relay's ${src}, the frame on air. Set \`poster\` to a file, a folder, a URL or false to choose another.`,
    );
    return { kind: 'url', src };
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
