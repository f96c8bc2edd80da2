// Drives the status LED from porthole::Blinker (waves, connecting, fault).
#pragma once

#include <stdint.h>

#include <porthole.h>

class StatusLed {
 public:
  StatusLed(int pin, bool activeLow) : pin_(pin), activeLow_(activeLow) {}
  void begin();
  void update(uint32_t nowMs);
  porthole::Blinker& blinker() { return blinker_; }

 private:
  int pin_;
  bool activeLow_;
  porthole::Blinker blinker_;
};
