// Test time and randomness: the clock moves only when a test or a fake transport moves it.
#pragma once

#include <cstdint>
#include <vector>

#include "porthole/clock.h"

struct FakeClock : porthole::Clock {
  uint32_t now = 1000;
  uint32_t nowMs() override { return now; }
  void advance(uint32_t ms) { now += ms; }
};

// Returns the given values in turn (then repeats the last one).
struct FakeRandom : porthole::Random {
  std::vector<uint32_t> values{0};
  size_t index = 0;
  uint32_t next() override {
    const uint32_t v = values[index < values.size() ? index : values.size() - 1];
    if (index < values.size()) ++index;
    return v;
  }
};
