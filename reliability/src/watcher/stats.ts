/** Small robust statistics shared by the attacks and the scoring. */

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The q-quantile (0–1) by linear interpolation; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** Median absolute deviation, scaled to a standard deviation for Gaussian data, never below `floor`. */
export function mad(values: readonly number[], floor = 1e-9): number {
  const m = median(values);
  return Math.max(floor, 1.4826 * median(values.map((v) => Math.abs(v - m))));
}

/** How far `value` lies from `history`, in robust standard deviations. */
export function robustZ(value: number, history: readonly number[], floor = 1e-9): number {
  return (value - median(history)) / mad(history, floor);
}

/** Share of `values` below `value`, ties counting half (0–1). */
export function percentileRank(value: number, values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let below = 0;
  let equal = 0;
  for (const v of values) {
    if (v < value) below++;
    else if (v === value) equal++;
  }
  return (below + equal / 2) / values.length;
}
