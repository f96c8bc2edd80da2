/** Privacy masks: rectangles (fractions of the frame) hidden in the raw pixels before any variant exists. */

export type MaskStyle = 'blur' | 'fill';
export interface Mask {
  /** Left edge, top edge, width and height as fractions (0–1) of the frame, so masks survive resolution changes. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** `blur` keeps the light level but no detail (a coarse mosaic); `fill` paints the area flat dark gray. */
  style: MaskStyle;
}

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

const isFraction = (n: number) => Number.isFinite(n) && n >= 0 && n <= 1;

/** Parse "x,y,w,h[:blur|fill];…" (or an array of masks) into masks, or return a message saying what is wrong. */
export function parseMasks(value: string | unknown[]): Mask[] | string {
  const entries = typeof value === 'string' ? value.split(';').filter((part) => part.trim() !== '') : value;
  const masks: Mask[] = [];
  for (const entry of entries) {
    const mask = typeof entry === 'string' ? maskFromText(entry) : (entry as Partial<Mask>);
    const { x, y, w, h } = mask;
    const style = mask.style ?? 'blur';
    if (
      ![x, y, w, h].every((n) => typeof n === 'number' && isFraction(n)) ||
      (style !== 'blur' && style !== 'fill')
    ) {
      return `expected masks like 0.6,0,0.4,0.3:blur (x,y,w,h as fractions 0-1, style blur or fill) but got ${JSON.stringify(entry)}`;
    }
    masks.push({ x: x as number, y: y as number, w: w as number, h: h as number, style });
  }
  return masks;
}

function maskFromText(text: string): Partial<Mask> {
  const [box = '', style] = text.trim().split(':');
  const [x, y, w, h] = box.split(',').map((n) => (n.trim() === '' ? Number.NaN : Number(n)));
  return { x, y, w, h, style: (style?.trim() || 'blur') as MaskStyle };
}

const FILL_LEVEL = 24;
const MOSAIC_CELLS = 4;

/** Hide every mask's area in place. The mosaic uses a few cells per mask, so nothing legible survives. */
export function applyMasks(image: RawImage, masks: readonly Mask[]): void {
  for (const mask of masks) {
    const x0 = Math.floor(mask.x * image.width);
    const y0 = Math.floor(mask.y * image.height);
    const x1 = Math.min(image.width, Math.ceil((mask.x + mask.w) * image.width));
    const y1 = Math.min(image.height, Math.ceil((mask.y + mask.h) * image.height));
    if (x1 <= x0 || y1 <= y0) continue;
    const cell =
      mask.style === 'fill'
        ? Math.max(x1 - x0, y1 - y0)
        : Math.ceil(Math.max(x1 - x0, y1 - y0) / MOSAIC_CELLS);
    for (let cy = y0; cy < y1; cy += cell) {
      for (let cx = x0; cx < x1; cx += cell) {
        paintCell(image, cx, cy, Math.min(cx + cell, x1), Math.min(cy + cell, y1), mask.style);
      }
    }
  }
}

function paintCell(image: RawImage, x0: number, y0: number, x1: number, y1: number, style: MaskStyle): void {
  const { data, width, channels } = image;
  for (let c = 0; c < channels; c++) {
    let level = FILL_LEVEL;
    if (style === 'blur') {
      let sum = 0;
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) sum += data[(y * width + x) * channels + c]!;
      level = Math.round(sum / ((x1 - x0) * (y1 - y0)));
    }
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[(y * width + x) * channels + c] = level;
  }
}
