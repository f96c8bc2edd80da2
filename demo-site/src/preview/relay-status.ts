import type { FeedMode, PrivacyStatus } from '@porthole/protocol';

/** One recent upload for display: when, how long ago, and the gap since the one before. */
export interface UploadRow {
  at: string;
  agoSeconds: number;
  gapSeconds: number | undefined;
}

/** Newest first, with the gap to the previous upload, so a stalling camera stands out. */
export function uploadRows(lastUploads: string[], now: number): UploadRow[] {
  const times = lastUploads
    .map((iso) => Date.parse(iso))
    .filter(Number.isFinite)
    .sort((a, b) => b - a);
  return times.map((time, i) => {
    const previous = times[i + 1];
    return {
      at: new Date(time).toISOString(),
      agoSeconds: Math.max(0, Math.round((now - time) / 1000)),
      gapSeconds: previous === undefined ? undefined : Math.round((time - previous) / 100) / 10,
    };
  });
}

/**
 * The variant to show as "the current frame" (of a `RelayStatus`'s variants): the widest JPEG,
 * which every browser decodes.
 */
export function previewVariant<Variant extends { format: string; width: number }>(
  variants: Variant[],
): Variant | undefined {
  const jpegs = variants.filter((v) => v.format === 'jpeg');
  return (jpegs.length > 0 ? jpegs : variants).toSorted((a, b) => b.width - a.width)[0];
}

/** "1.7 kB", "812 B". */
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

/** What the mode means for the owner, in a few words. */
export function describeMode(mode: FeedMode): string {
  switch (mode) {
    case 'live':
      return 'Live: visitors see the camera (or a privacy window, which looks the same)';
    case 'offline':
      return 'Offline: no recent upload, visitors see the loop';
    case 'paused':
      return 'Paused: visitors see the loop';
  }
}

/** Where privacy windows stand, in a few words for the owner. */
export function describePrivacy(privacy: PrivacyStatus, now: number): string {
  const history = `${privacy.opened} opened, ${privacy.closedSeamlessly} without a seam`;
  switch (privacy.state) {
    case 'off':
      return 'Off: every frame visitors see is live';
    case 'open':
      return `Open: visitors see the still room (${history})`;
    case 'due':
      return `Due: waiting for the room to be still (${history})`;
    case 'waiting': {
      const minutes =
        privacy.nextDueAt === null ? undefined : Math.max(0, Math.round((privacy.nextDueAt - now) / 60_000));
      return `Next due in ${minutes ?? '?'} min (${history})`;
    }
  }
}
