#include "blinker.h"

#include "clock.h"

namespace porthole {

void Blinker::blink(uint32_t count, uint32_t nowMs, uint32_t cap) {
  if (count == 0) return;
  if (bursting(nowMs)) {
    const uint32_t done = elapsedMs(burstStart_, nowMs) / (kOnMs + kOffMs);
    const uint32_t left = burstCount_ - done;
    const uint32_t total = left + count;
    // Keep the blink in progress and add the new ones behind it.
    burstStart_ += done * (kOnMs + kOffMs);
    burstCount_ = total < cap ? total : cap;
  } else {
    burstStart_ = nowMs;
    burstCount_ = count < cap ? count : cap;
  }
}

bool Blinker::bursting(uint32_t nowMs) const {
  return burstCount_ > 0 && elapsedMs(burstStart_, nowMs) < burstCount_ * (kOnMs + kOffMs);
}

bool Blinker::level(uint32_t nowMs) const {
  if (bursting(nowMs)) return elapsedMs(burstStart_, nowMs) % (kOnMs + kOffMs) >= kOffMs;
  switch (pattern_) {
    case LedPattern::Off:
      return false;
    case LedPattern::Connecting:
      return nowMs % 2000 < 1000;
    case LedPattern::Fault: {
      const uint32_t t = nowMs % 1500;
      return t < 100 || (t >= 250 && t < 350);
    }
  }
  return false;
}

}  // namespace porthole
