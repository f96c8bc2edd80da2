// A frame that could not be delivered within a few intervals is no longer "live": better to drop
// it and send a fresh capture than to publish a stale view late.
#pragma once

#include <cstdint>

#include "clock.h"

namespace porthole {

inline bool frameIsStale(uint32_t capturedAtMs, uint32_t nowMs, uint32_t maxAgeMs) {
  return elapsedMs(capturedAtMs, nowMs) > maxAgeMs;
}

// The default limit: three capture intervals, but never under 5 s so one slow TLS handshake
// does not throw away every frame.
inline uint32_t defaultMaxFrameAgeMs(uint32_t intervalMs) {
  const uint32_t threeIntervals = intervalMs * 3;
  return threeIntervals < 5000 ? 5000 : threeIntervals;
}

}  // namespace porthole
