#include "wifi_link.h"

#include <Arduino.h>
#include <WiFi.h>

namespace {
constexpr uint32_t kAssociateTimeoutMs = 20000;
}

void WifiLink::begin(const char* ssid, const char* password, bool lowTxPower) {
  ssid_ = ssid;
  password_ = password;
  WiFi.persistent(false);  // do not wear the flash with credentials we already compile in
  WiFi.mode(WIFI_STA);
  WiFi.setHostname("porthole-cam");
  WiFi.setAutoReconnect(false);                       // reconnection is ours, with backoff
  WiFi.setSleep(false);                               // modem sleep adds latency to every upload
  if (lowTxPower) WiFi.setTxPower(WIFI_POWER_11dBm);  // less current at start-up after brown-outs
  associate(millis());
}

void WifiLink::associate(uint32_t nowMs) {
  WiFi.disconnect();
  WiFi.begin(ssid_, password_);
  attempting_ = true;
  attemptStartedMs_ = nowMs;
}

bool WifiLink::update(uint32_t nowMs) {
  const bool up = WiFi.status() == WL_CONNECTED;
  if (up) {
    if (!connected_) Serial.printf("[wifi] connected, RSSI %d dBm\n", WiFi.RSSI());
    connected_ = true;
    attempting_ = false;
    backoff_.reset();
    return true;
  }
  if (connected_) {
    Serial.println("[wifi] link lost");
    connected_ = false;
    nextAttemptMs_ = nowMs;  // try again at once, then back off
  }
  if (attempting_ && porthole::elapsedMs(attemptStartedMs_, nowMs) >= kAssociateTimeoutMs) {
    attempting_ = false;
    nextAttemptMs_ = nowMs + backoff_.nextDelayMs();
    Serial.printf("[wifi] no connection yet, retrying in %u ms\n",
                  static_cast<unsigned>(nextAttemptMs_ - nowMs));
  }
  if (!attempting_ && static_cast<int32_t>(nowMs - nextAttemptMs_) >= 0) associate(nowMs);
  return false;
}
