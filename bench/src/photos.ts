/**
 * Source photographs for the synthetic camera: KDE's Plasma wallpapers (real photos, 2560x1600, free
 * licences), from Debian's `plasma-workspace-wallpapers`. Used in place when installed; otherwise the
 * package is fetched with `apt-get download` and only the few files needed are unpacked into a cache.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const PHOTO_PACKAGE = 'plasma-workspace-wallpapers';
/** A lake shore with boats, a forest path, leaves with bokeh, a wooden jetty: detail, flat sky, blur. */
export const PHOTO_NAMES = ['EveningGlow', 'Path', 'FallenLeaf', 'BytheWater'] as const;
export type PhotoName = (typeof PHOTO_NAMES)[number];

const inPackage = (name: string) => `usr/share/wallpapers/${name}/contents/images/2560x1600.jpg`;

/** Paths of the source photos, fetching them once if needed. Throws with the reason when impossible. */
export function sourcePhotos(cacheDir: string): Record<PhotoName, string> {
  const installed = Object.fromEntries(PHOTO_NAMES.map((n) => [n, `/${inPackage(n)}`]));
  if (PHOTO_NAMES.every((n) => existsSync(installed[n]!))) return installed as Record<PhotoName, string>;

  const cached = Object.fromEntries(PHOTO_NAMES.map((n) => [n, join(cacheDir, `${n}.jpg`)]));
  if (PHOTO_NAMES.every((n) => existsSync(cached[n]!))) return cached as Record<PhotoName, string>;

  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(cacheDir, 'deb-'));
  try {
    download(work);
    const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download ${PHOTO_PACKAGE} left no .deb`);
    const unpacked = join(work, 'root');
    mkdirSync(unpacked);
    execFileSync('sh', [
      '-c',
      `dpkg-deb --fsys-tarfile "$1" | tar -x -C "$2" ${PHOTO_NAMES.map((n) => `./${inPackage(n)}`).join(' ')}`,
      'sh',
      join(work, deb),
      unpacked,
    ]);
    for (const n of PHOTO_NAMES) copyFileSync(join(unpacked, inPackage(n)), cached[n]!);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return cached as Record<PhotoName, string>;
}

function download(dir: string): void {
  const fetch = () => execFileSync('apt-get', ['download', PHOTO_PACKAGE], { cwd: dir, stdio: 'pipe' });
  try {
    fetch();
  } catch {
    // A fresh machine has no package lists yet.
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'pipe' });
    fetch();
  }
}

/**
 * When the photos cannot be had (no apt, no network): frames of the default loop stand in, upscaled.
 * Far less detail than a camera photo, so the report says when this happened.
 */
export function loopStandIns(loopDir: string): Record<PhotoName, string> {
  const frames = readdirSync(loopDir)
    .filter((f) => f.endsWith('.jpg'))
    .sort();
  const pick = (i: number) => join(loopDir, frames[Math.floor((i * frames.length) / PHOTO_NAMES.length)]!);
  return Object.fromEntries(PHOTO_NAMES.map((n, i) => [n, pick(i)])) as Record<PhotoName, string>;
}
