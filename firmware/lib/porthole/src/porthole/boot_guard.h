// Keeps a struggling board out of a tight restart loop. The board counts resets that were not
// clean (brown-outs, watchdog, panics, failed cameras) in memory that survives a restart and asks
// here what to do before starting Wi-Fi and the camera, which draw the most current.
#pragma once

#include <cstdint>

namespace porthole {

struct BootDecision {
  uint32_t waitMs;      // pause before bringing up the radio and camera (let the supply recover)
  uint32_t deepSleepS;  // > 0: sleep this long first, then start over
  bool lowTxPower;      // bring Wi-Fi up at reduced transmit power (after brown-outs)
};

// `badResets`: consecutive unclean resets so far, including this one; `brownouts`: how many of
// them were brown-outs.
BootDecision decideBoot(uint32_t badResets, uint32_t brownouts);

}  // namespace porthole
