// Exponential backoff with jitter, so a fleet of cameras that lost the same relay does not come
// back in lock-step, and a camera on a bad link does not hammer it.
#pragma once

#include <cstdint>

#include "clock.h"

namespace porthole {

struct BackoffConfig {
  // A constructor rather than member defaults keeps {base, cap} working under C++11 (Arduino IDE).
  constexpr BackoffConfig(uint32_t base = 500, uint32_t cap = 30000) : baseMs(base), capMs(cap) {}
  uint32_t baseMs;
  uint32_t capMs;
};

class Backoff {
 public:
  Backoff(const BackoffConfig& config, Random& random);

  // The delay before the next retry: a random value in [d/2, d] where d = min(cap, base * 2^failures).
  uint32_t nextDelayMs();
  void reset() { failures_ = 0; }
  uint32_t failures() const { return failures_; }

 private:
  BackoffConfig config_;
  Random& random_;
  uint32_t failures_ = 0;
};

}  // namespace porthole
