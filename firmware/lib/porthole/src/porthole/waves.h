// Issue 8: each upload response says how many visitors waved since the previous upload; the
// board blinks its LED that many times, capped so a crowd cannot keep the LED busy for minutes.
#pragma once

#include <cstddef>
#include <cstdint>

namespace porthole {

constexpr uint32_t kDefaultBlinkCap = 10;

// Parses a `Porthole-Waves` value: decimal digits with optional surrounding spaces. Saturates at
// 1,000,000 instead of overflowing. False (and `waves` untouched) for anything else.
bool parseWavesHeader(const char* value, size_t len, uint32_t& waves);

inline uint32_t blinkCount(uint32_t waves, uint32_t cap = kDefaultBlinkCap) {
  return waves < cap ? waves : cap;
}

}  // namespace porthole
