#include "tls_transport.h"

#include <Arduino.h>
#include <string.h>

#include "watchdog.h"

using porthole::IoResult;
using porthole::IoStatus;

namespace {
// One TLS record's worth: keeps each blocking write short.
constexpr size_t kWriteSlice = 1436;
uint32_t toSeconds(uint32_t ms) { return ms < 1000 ? 1 : (ms + 999) / 1000; }
}  // namespace

bool looksLikePemCertificate(const char* pem) {
  return pem != nullptr && strstr(pem, "-----BEGIN CERTIFICATE-----") != nullptr &&
         strstr(pem, "-----END CERTIFICATE-----") != nullptr;
}

bool TlsTransport::connect(const char* host, uint16_t port, uint32_t timeoutMs) {
  client_.stop();
  client_.setCACert(rootCa_);
  client_.setHandshakeTimeout(toSeconds(timeoutMs));
  client_.setTimeout(toSeconds(timeoutMs));  // socket send/receive timeout (seconds in core 2.x)
  watchdog::feed();
  const bool ok = client_.connect(host, port, static_cast<int32_t>(timeoutMs)) == 1;
  watchdog::feed();
  if (!ok) {
    char reason[96];
    client_.lastError(reason, sizeof reason);
    Serial.printf("[tls] connect to %s:%u failed: %s\n", host, static_cast<unsigned>(port), reason);
  }
  return ok;
}

IoResult TlsTransport::write(const uint8_t* data, size_t len, uint32_t timeoutMs) {
  (void)timeoutMs;  // bounded by the socket timeout set in connect()
  if (!client_.connected()) return {IoStatus::Closed, 0};
  const size_t slice = len < kWriteSlice ? len : kWriteSlice;
  const size_t written = client_.write(data, slice);
  watchdog::feed();
  if (written == 0) return {IoStatus::Error, 0};
  return {IoStatus::Ok, written};
}

IoResult TlsTransport::read(uint8_t* buffer, size_t cap, uint32_t timeoutMs) {
  const uint32_t started = millis();
  for (;;) {
    const int available = client_.available();
    if (available > 0) {
      const size_t want = static_cast<size_t>(available) < cap ? static_cast<size_t>(available) : cap;
      const int n = client_.read(buffer, want);
      if (n > 0) return {IoStatus::Ok, static_cast<size_t>(n)};
    }
    if (!client_.connected()) return {IoStatus::Closed, 0};
    if (porthole::elapsedMs(started, millis()) >= timeoutMs) return {IoStatus::Timeout, 0};
    watchdog::feed();
    delay(2);
  }
}

void TlsTransport::close() { client_.stop(); }
