// Wall-independent time and OS randomness for the host build.
#pragma once

#include <chrono>
#include <random>
#include <thread>

#include "porthole/clock.h"

struct SteadyClock : porthole::Clock {
  uint32_t nowMs() override {
    const auto since = std::chrono::steady_clock::now().time_since_epoch();
    return static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::milliseconds>(since).count());
  }
};

struct OsRandom : porthole::Random {
  std::mt19937 engine{std::random_device{}()};
  uint32_t next() override { return static_cast<uint32_t>(engine()); }
};

inline void sleepMs(uint32_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }
