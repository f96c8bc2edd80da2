#include "backoff.h"

namespace porthole {

Backoff::Backoff(const BackoffConfig& config, Random& random) : config_(config), random_(random) {}

uint32_t Backoff::nextDelayMs() {
  uint64_t ceiling = config_.baseMs;
  for (uint32_t i = 0; i < failures_ && ceiling < config_.capMs; ++i) ceiling *= 2;
  if (ceiling > config_.capMs) ceiling = config_.capMs;
  if (failures_ < 32) ++failures_;
  // "Equal jitter": half fixed so retries never bunch at zero, half random to spread them out.
  const uint32_t half = static_cast<uint32_t>(ceiling / 2);
  const uint32_t spread = static_cast<uint32_t>(ceiling - half);
  return half + (spread == 0 ? 0 : random_.next() % (spread + 1));
}

}  // namespace porthole
