#include "boot_guard.h"

namespace porthole {

BootDecision decideBoot(uint32_t badResets, uint32_t brownouts) {
  BootDecision d{0, 0, brownouts > 0};
  if (badResets == 0) return d;
  if (badResets >= 6) {
    // Something is persistently wrong (supply, camera ribbon): stop drawing power for a while.
    d.deepSleepS = 600;
    return d;
  }
  // 2 s, 4 s, 8 s, 16 s, 30 s: growing pauses, each long enough for a weak supply to recover.
  const uint32_t wait = 1000u << badResets;
  d.waitMs = wait > 30000 ? 30000 : wait;
  return d;
}

}  // namespace porthole
