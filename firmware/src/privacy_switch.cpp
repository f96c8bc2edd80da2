#include "privacy_switch.h"

#include <Arduino.h>

void PrivacySwitch::begin(uint32_t nowMs) {
  pinMode(pin_, INPUT_PULLUP);
  delay(5);  // let the pull-up settle before the first reading
  // Start from the actual position, so booting with the switch off never sends a spurious "on".
  debounce_ = porthole::Debouncer(debounceMs_, digitalRead(pin_) == LOW, nowMs);
}

bool PrivacySwitch::update(uint32_t nowMs) { return debounce_.update(digitalRead(pin_) == LOW, nowMs); }
