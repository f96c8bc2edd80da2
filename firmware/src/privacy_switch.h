// The hardware privacy switch: closed to GND = camera on; open = camera off. A broken wire or an
// unplugged switch therefore reads as "off" (the internal pull-up wins): the safe side for privacy.
#pragma once

#include <stdint.h>

#include <porthole.h>

class PrivacySwitch {
 public:
  PrivacySwitch(int pin, uint32_t debounceMs)
      : pin_(pin), debounceMs_(debounceMs), debounce_(debounceMs, false, 0) {}
  void begin(uint32_t nowMs);
  // True exactly when the debounced position changed.
  bool update(uint32_t nowMs);
  bool cameraOn() const { return debounce_.level(); }

 private:
  int pin_;
  uint32_t debounceMs_;
  porthole::Debouncer debounce_;
};
