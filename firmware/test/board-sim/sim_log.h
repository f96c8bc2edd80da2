// Simulation bookkeeping shared by the stub implementations.
#pragma once

#include <stdint.h>

uint32_t simNowMs();
// Prints "[sim t=<ms>] <text>" on stdout.
void simEvent(const char* format, ...) __attribute__((format(printf, 1, 2)));

const char* simEnv(const char* name, const char* fallback);
uint32_t simLongestWatchdogGap();
int simOutstandingFrames();
