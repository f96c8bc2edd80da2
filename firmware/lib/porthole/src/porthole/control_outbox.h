// The switch's pending message to the relay. Flipping the switch queues {"paused": …} (the newest
// position wins); it is sent when due and retried with backoff until the relay accepts it, so a
// flip during a Wi-Fi outage still reaches the site once the link is back.
#pragma once

#include <cstdint>

#include "backoff.h"
#include "control.h"

namespace porthole {

class ControlOutbox {
 public:
  ControlOutbox(const BackoffConfig& backoff, Random& random)
      : backoff_(backoff, random), capMs_(backoff.capMs) {}

  void request(bool paused, uint32_t nowMs);
  bool pending() const { return pending_; }
  bool due(uint32_t nowMs) const;
  bool paused() const { return paused_; }
  // What came of sending it: accepted clears it; anything else schedules another try.
  void delivered(ControlResult result, uint32_t nowMs);

 private:
  Backoff backoff_;
  uint32_t capMs_;
  bool pending_ = false;
  bool paused_ = false;
  uint32_t dueAt_ = 0;
};

}  // namespace porthole
