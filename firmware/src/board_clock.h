// porthole::Clock and porthole::Random on the chip.
#pragma once

#include <Arduino.h>
#include <esp_system.h>

#include <porthole.h>

struct BoardClock : porthole::Clock {
  uint32_t nowMs() override { return millis(); }
};

// The hardware RNG (truly random while the radio is on): jitter differs from camera to camera.
struct BoardRandom : porthole::Random {
  uint32_t next() override { return esp_random(); }
};
