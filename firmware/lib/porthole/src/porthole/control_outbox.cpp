#include "control_outbox.h"

#include "clock.h"

namespace porthole {

void ControlOutbox::request(bool paused, uint32_t nowMs) {
  paused_ = paused;
  pending_ = true;
  dueAt_ = nowMs;
  backoff_.reset();
}

bool ControlOutbox::due(uint32_t nowMs) const {
  return pending_ && static_cast<int32_t>(nowMs - dueAt_) >= 0;
}

void ControlOutbox::delivered(ControlResult result, uint32_t nowMs) {
  if (result == ControlResult::Accepted) {
    pending_ = false;
    backoff_.reset();
    return;
  }
  // A refused token will not fix itself soon: retry rarely, but keep trying (it may be rotated).
  dueAt_ = nowMs + (result == ControlResult::Unauthorized ? capMs_ : backoff_.nextDelayMs());
}

}  // namespace porthole
