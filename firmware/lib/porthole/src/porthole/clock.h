// Time and randomness are injected so that backoff, deadlines and frame age are testable.
#pragma once

#include <cstdint>

namespace porthole {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds from an arbitrary origin; wraps around after ~49 days, compare with elapsedMs().
  virtual uint32_t nowMs() = 0;
};

class Random {
 public:
  virtual ~Random() = default;
  virtual uint32_t next() = 0;
};

// Wrap-safe: correct as long as the two instants are less than ~24 days apart.
inline uint32_t elapsedMs(uint32_t since, uint32_t now) { return now - since; }

// Milliseconds left before `deadline`, 0 once it has passed.
inline uint32_t remainingMs(uint32_t deadline, uint32_t now) {
  const int32_t left = static_cast<int32_t>(deadline - now);
  return left > 0 ? static_cast<uint32_t>(left) : 0;
}

}  // namespace porthole
