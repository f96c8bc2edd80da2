// Keeps the station connected. Never restarts the chip over Wi-Fi trouble: a router reboot or a
// long outage only means retrying, with backoff, until the network is back.
#pragma once

#include <stdint.h>

#include <porthole.h>

class WifiLink {
 public:
  explicit WifiLink(porthole::Random& random) : backoff_({2000, 60000}, random) {}

  void begin(const char* ssid, const char* password, bool lowTxPower);
  // Call often; returns whether the link is up now.
  bool update(uint32_t nowMs);

 private:
  void associate(uint32_t nowMs);

  const char* ssid_ = nullptr;
  const char* password_ = nullptr;
  porthole::Backoff backoff_;
  bool connected_ = false;
  bool attempting_ = false;
  uint32_t attemptStartedMs_ = 0;
  uint32_t nextAttemptMs_ = 0;
};
