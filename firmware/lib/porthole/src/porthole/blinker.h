// What the status LED shows, as pure logic: a burst of N blinks (one per visitor wave) on top of a
// background pattern (off, "connecting", "fault"). The board only copies level() to the pin.
#pragma once

#include <cstdint>

namespace porthole {

enum class LedPattern : uint8_t {
  Off,         // all is well: stay dark, the LED is not a light source in the room
  Connecting,  // slow pulse: joining Wi-Fi or reaching the relay
  Fault,       // quick double flash: token refused or configuration broken
};

// Each blink is a dark gap then a flash, so a burst is countable even if the LED was lit before.
class Blinker {
 public:
  static constexpr uint32_t kOnMs = 180;
  static constexpr uint32_t kOffMs = 320;

  void setPattern(LedPattern pattern) { pattern_ = pattern; }
  LedPattern pattern() const { return pattern_; }
  // Starts `count` blinks now (a burst in progress is extended, never beyond `cap` in total).
  void blink(uint32_t count, uint32_t nowMs, uint32_t cap);
  bool bursting(uint32_t nowMs) const;
  // Whether the LED is lit at `nowMs`.
  bool level(uint32_t nowMs) const;

 private:
  LedPattern pattern_ = LedPattern::Off;
  uint32_t burstStart_ = 0;
  uint32_t burstCount_ = 0;
};

}  // namespace porthole
