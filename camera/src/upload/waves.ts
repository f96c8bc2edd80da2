/**
 * Waves from the relay's `Porthole-Waves` response header: how many times visitors pressed
 * the wave button since the previous upload. Anything that is not a whole number counts as 0.
 */
export function wavesFromHeader(value: string | undefined | null): number {
  if (value == null) return 0;
  const text = value.trim();
  if (!/^\d{1,9}$/.test(text)) return 0;
  return Number(text);
}
