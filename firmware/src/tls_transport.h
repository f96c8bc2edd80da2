// porthole::Transport over WiFiClientSecure: TLS with the relay's root CA from secrets.h, never
// setInsecure(). Each call is bounded by its timeout and feeds the watchdog while it waits.
#pragma once

#include <WiFiClientSecure.h>

#include <porthole.h>

class TlsTransport : public porthole::Transport {
 public:
  explicit TlsTransport(const char* rootCaPem) : rootCa_(rootCaPem) {}

  bool connect(const char* host, uint16_t port, uint32_t timeoutMs) override;
  porthole::IoResult write(const uint8_t* data, size_t len, uint32_t timeoutMs) override;
  porthole::IoResult read(uint8_t* buffer, size_t cap, uint32_t timeoutMs) override;
  void close() override;

 private:
  const char* rootCa_;
  WiFiClientSecure client_;
};

// True when `pem` looks like at least one PEM certificate (the template's placeholder does not).
bool looksLikePemCertificate(const char* pem);
