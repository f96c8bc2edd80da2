#include "debouncer.h"

#include "clock.h"

namespace porthole {

Debouncer::Debouncer(uint32_t stableMs, bool initialLevel, uint32_t nowMs)
    : stableMs_(stableMs), stable_(initialLevel), candidate_(initialLevel), candidateSince_(nowMs) {}

bool Debouncer::update(bool rawLevel, uint32_t nowMs) {
  if (rawLevel != candidate_) {
    candidate_ = rawLevel;
    candidateSince_ = nowMs;
  }
  if (candidate_ != stable_ && elapsedMs(candidateSince_, nowMs) >= stableMs_) {
    stable_ = candidate_;
    return true;
  }
  return false;
}

}  // namespace porthole
