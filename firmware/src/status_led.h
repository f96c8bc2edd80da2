// Drives the status LED from porthole::Blinker (waves, connecting, fault) in a small task of its
// own, so blinks keep their rhythm while the main loop is busy in a TLS handshake or an upload.
#pragma once

#include <freertos/FreeRTOS.h>
#include <stdint.h>

#include <porthole.h>

class StatusLed {
 public:
  StatusLed(int pin, bool activeLow) : pin_(pin), activeLow_(activeLow) {}
  // Configures the pin and starts the LED task.
  void begin();
  void blink(uint32_t count, uint32_t nowMs, uint32_t cap);
  void setPattern(porthole::LedPattern pattern);

 private:
  static void run(void* self);
  void update(uint32_t nowMs);

  int pin_;
  bool activeLow_;
  porthole::Blinker blinker_;  // shared with the LED task: only touched under lock_
  portMUX_TYPE lock_ = portMUX_INITIALIZER_UNLOCKED;
};
