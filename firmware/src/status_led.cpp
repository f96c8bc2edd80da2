#include "status_led.h"

#include <Arduino.h>
#include <freertos/task.h>

void StatusLed::begin() {
  pinMode(pin_, OUTPUT);
  digitalWrite(pin_, activeLow_ ? HIGH : LOW);
  xTaskCreatePinnedToCore(run, "porthole-led", 2048, this, 1, nullptr, tskNO_AFFINITY);
}

void StatusLed::blink(uint32_t count, uint32_t nowMs, uint32_t cap) {
  portENTER_CRITICAL(&lock_);
  blinker_.blink(count, nowMs, cap);
  portEXIT_CRITICAL(&lock_);
}

void StatusLed::setPattern(porthole::LedPattern pattern) {
  portENTER_CRITICAL(&lock_);
  blinker_.setPattern(pattern);
  portEXIT_CRITICAL(&lock_);
}

void StatusLed::update(uint32_t nowMs) {
  portENTER_CRITICAL(&lock_);
  const bool lit = blinker_.level(nowMs);
  portEXIT_CRITICAL(&lock_);
  digitalWrite(pin_, lit != activeLow_ ? HIGH : LOW);
}

void StatusLed::run(void* self) {
  StatusLed& led = *static_cast<StatusLed*>(self);
  for (;;) {
    led.update(millis());
    vTaskDelay(pdMS_TO_TICKS(10));
  }
}
