// Brown-outs and restart loops. A cheap USB supply sags when Wi-Fi and the camera start together;
// rather than disabling the brown-out detector, the board notes unclean resets in RTC memory and
// comes back more gently each time (see porthole/boot_guard.h).
#pragma once

namespace power {

// Call first thing in setup(): may wait or deep-sleep according to the recent reset history.
// Returns true when Wi-Fi should start at reduced transmit power.
bool onBoot();
// The board is doing its job (a frame was published): forget past trouble.
void markHealthy();
// Releases the camera and radio, counts the restart as unclean, and restarts the chip.
[[noreturn]] void restartCleanly(const char* why);

}  // namespace power
