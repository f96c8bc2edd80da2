/** Number formatting for the report: kB are 1,000 bytes; ratios are Porthole over its baseline. */

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(bytes < 10_000 ? 1 : 0)} kB`;
export const MB = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
export const ms = (value: number) => `${Math.round(value)} ms`;
export const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
export const count = (value: number) => Math.round(value).toLocaleString('en-US');
export const ssim = (value: number | null) =>
  value === null || Number.isNaN(value) ? 'n/a' : value.toFixed(3);

/**
 * "0.15× (6.7× less)", or "1.30× (1.3× more, **Porthole behind**)": which way the ratio points, said
 * plainly. Within `parBand` of 1 it is "par" (request rates use a wider band: runs here vary that much).
 */
export function ratio(value: number, lowerIsBetter = true, parBand = 0.03): string {
  if (!Number.isFinite(value) || value <= 0) return 'n/a';
  const x = value < 0.01 ? `1/${count(1 / value)}` : `${value < 0.1 ? value.toFixed(3) : value.toFixed(2)}×`;
  const better = lowerIsBetter ? value < 1 : value > 1;
  if (Math.abs(value - 1) < parBand)
    return `${x} (par${parBand > 0.03 ? `, within ±${Math.round(parBand * 100)} %` : ''})`;
  const factor = value < 1 ? 1 / value : value;
  const word = lowerIsBetter ? (value < 1 ? 'less' : 'more') : value > 1 ? 'more' : 'less';
  const times = factor >= 100 ? count(factor) : factor.toFixed(factor < 2 ? 2 : 1);
  return `${x} (${times}× ${word}${better ? '' : ', **Porthole behind**'})`;
}

/** A ratio between two things that are not Porthole (reference rows): no verdict. */
export function plainRatio(value: number): string {
  return Number.isFinite(value) && value > 0 ? `${value.toFixed(2)}×` : 'n/a';
}

/** A Markdown table from a header row and data rows. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
