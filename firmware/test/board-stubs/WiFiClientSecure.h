// Stub of WiFiClientSecure (Arduino-ESP32 2.0.x) as used by the board code.
#pragma once

#include <WiFi.h>

class WiFiClientSecure : public WiFiClient {
 public:
  int connect(const char* host, uint16_t port) override;
  int connect(const char* host, uint16_t port, int32_t timeout) override;
  size_t write(const uint8_t* buf, size_t size) override;
  int available() override;
  int read(uint8_t* buf, size_t size) override;
  void stop() override;
  uint8_t connected() override;
  void setCACert(const char* rootCA);
  void setHandshakeTimeout(unsigned long handshake_timeout);
  int lastError(char* buf, const size_t size);
  // Porthole never skips certificate checks: any call to this fails `make check-board`.
  void setInsecure() = delete;
};
