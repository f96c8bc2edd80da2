#include "status_led.h"

#include <Arduino.h>

void StatusLed::begin() {
  pinMode(pin_, OUTPUT);
  digitalWrite(pin_, activeLow_ ? HIGH : LOW);
}

void StatusLed::update(uint32_t nowMs) {
  const bool lit = blinker_.level(nowMs);
  digitalWrite(pin_, lit != activeLow_ ? HIGH : LOW);
}
