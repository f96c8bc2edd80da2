// Runs the board program (setup() once, loop() until PORTHOLE_SIM_MS) and prints a summary.
#include <cstdio>
#include <cstdlib>

#include "sim_log.h"

void setup();
void loop();

int main() {
  const uint32_t runMs = static_cast<uint32_t>(std::strtoul(simEnv("PORTHOLE_SIM_MS", "5000"), nullptr, 10));
  setup();
  while (simNowMs() < runMs) loop();
  simEvent("end: longest watchdog gap %u ms, frame buffers held %d", simLongestWatchdogGap(),
           simOutstandingFrames());
  std::fflush(stdout);
  std::_Exit(0);  // the LED task is still running: skip static destructors it may be using
}
