// The task watchdog: if the main loop stops feeding it (a hung driver, an unbounded library call),
// the chip resets instead of sitting dead on the owner's desk.
#pragma once

#include <stdint.h>

namespace watchdog {
void begin(uint32_t timeoutS);
void feed();
}  // namespace watchdog
