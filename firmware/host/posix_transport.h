// Transport over a plain TCP socket (POSIX), for the host build. No TLS: the host command talks
// to a relay on the same machine or LAN; the board does TLS with WiFiClientSecure.
#pragma once

#include "porthole/transport.h"

class PosixTransport : public porthole::Transport {
 public:
  ~PosixTransport() override { close(); }
  bool connect(const char* host, uint16_t port, uint32_t timeoutMs) override;
  porthole::IoResult write(const uint8_t* data, size_t len, uint32_t timeoutMs) override;
  porthole::IoResult read(uint8_t* buffer, size_t cap, uint32_t timeoutMs) override;
  void close() override;

 private:
  int fd_ = -1;
};
