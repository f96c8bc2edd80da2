// Debounces the privacy switch: a level counts only once it has held for `stableMs`, so contact
// bounce (and a hand hesitating on the switch) produces one change, not a burst of POSTs.
#pragma once

#include <cstdint>

namespace porthole {

class Debouncer {
 public:
  Debouncer(uint32_t stableMs, bool initialLevel, uint32_t nowMs);

  // Feed the raw level at any rate; returns true exactly when the debounced level changes.
  bool update(bool rawLevel, uint32_t nowMs);
  bool level() const { return stable_; }

 private:
  uint32_t stableMs_;
  bool stable_;
  bool candidate_;
  uint32_t candidateSince_;
};

}  // namespace porthole
