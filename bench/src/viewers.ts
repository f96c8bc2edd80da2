/**
 * Concurrent viewers one machine can hold, derived from measured request rates. A viewer following the
 * `next` hint polls the pointer once per frame interval; the poll is a 200 when a new frame was published
 * (share `published`) and is then followed by one image request, else a 304. Each request type costs the
 * server 1/rate seconds of its capacity when saturated, so the sustainable viewer count is the inverse of
 * one viewer's cost per second.
 */

export interface RequestRates {
  frame200: number;
  frame304: number;
  variant: number;
}

export function viewersHeld(rates: RequestRates, published: number, frameIntervalSeconds = 2): number {
  const pollsPerSecond = 1 / frameIntervalSeconds;
  const costPerSecond =
    pollsPerSecond *
    (published / rates.frame200 + (1 - published) / rates.frame304 + published / rates.variant);
  return costPerSecond > 0 ? 1 / costPerSecond : 0;
}
