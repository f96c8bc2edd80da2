// A transport whose server side is a script: per connection, the canned responses to send after
// each complete request, plus faults (refused connect, partial writes and reads, resets, stalls).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fake_clock.h"
#include "porthole/transport.h"

struct ScriptedConnection {
  std::vector<std::string> responses;  // responses[i] becomes readable once request i is complete
  bool refuseConnect = false;
  size_t resetAfterWritten = SIZE_MAX;  // the peer resets once this many bytes were written
  size_t resetAfterRead = SIZE_MAX;     // ... or once this many bytes were read
  size_t maxWritePerCall = SIZE_MAX;
  size_t maxReadPerCall = SIZE_MAX;
  bool stallWrites = false;          // writes time out
  uint32_t readDelayMs = 0;          // each successful read takes this long (a trickling peer)
  bool closeAfterResponses = false;  // after the last response: orderly close instead of silence
  bool resetWhenUnanswered = false;  // a complete request beyond the scripted ones: reset
  // Filled in by the transport:
  std::string written;
  size_t read = 0;
  bool closedByClient = false;
};

class ScriptedTransport : public porthole::Transport {
 public:
  explicit ScriptedTransport(FakeClock& clock) : clock_(clock) {}

  ScriptedConnection& add(ScriptedConnection connection = {});
  ScriptedConnection& add(const std::string& response);
  ScriptedConnection& connection(size_t i) { return script_[i]; }
  size_t connects() const { return connects_; }
  // Requests written on connection `i` (complete ones only).
  std::vector<std::string> requests(size_t i) const;

  bool connect(const char* host, uint16_t port, uint32_t timeoutMs) override;
  porthole::IoResult write(const uint8_t* data, size_t len, uint32_t timeoutMs) override;
  porthole::IoResult read(uint8_t* buffer, size_t cap, uint32_t timeoutMs) override;
  void close() override;

  std::string lastHost;
  uint16_t lastPort = 0;

 private:
  std::string readable(const ScriptedConnection& c) const;

  FakeClock& clock_;
  std::vector<ScriptedConnection> script_;
  size_t connects_ = 0;
  long current_ = -1;
  bool open_ = false;
  bool reset_ = false;
};
