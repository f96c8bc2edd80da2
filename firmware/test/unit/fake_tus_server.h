// An in-memory tus 1.0 server behind the Transport interface, with one injectable fault: the
// connection resets after the client has written (or read) a given number of bytes in total.
// Like @tus/server, it keeps the part of a POST or PATCH body that arrived before the reset.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fake_clock.h"
#include "porthole/transport.h"

class FakeTusServer : public porthole::Transport {
 public:
  struct Upload {
    size_t length = 0;
    std::string data;
  };

  explicit FakeTusServer(FakeClock& clock) : clock_(clock) {}

  // Fault injection: byte counts over the whole life of the server (all connections), ascending.
  // The connection in use resets once the client has written (read) that many bytes in total.
  std::vector<uint64_t> resetsAtWritten;
  std::vector<uint64_t> resetsAtRead;
  std::string token = "secret";
  bool relativeLocation = false;
  uint32_t wavesPerResponse = 0;
  std::string pausedBody;  // last body POSTed to /control

  std::map<std::string, Upload> uploads;
  std::vector<std::string> log;  // "POST /files/ 201", ... one line per answered request
  uint64_t written = 0;
  uint64_t readBytes = 0;
  size_t connects = 0;

  // Uploads whose every byte arrived.
  std::vector<std::string> completedData() const;

  bool connect(const char* host, uint16_t port, uint32_t timeoutMs) override;
  porthole::IoResult write(const uint8_t* data, size_t len, uint32_t timeoutMs) override;
  porthole::IoResult read(uint8_t* buffer, size_t cap, uint32_t timeoutMs) override;
  void close() override;

 private:
  void serveCompleteRequests();
  void keepPartialBody();
  std::string answer(const std::string& method, const std::string& path,
                     const std::map<std::string, std::string>& h, const std::string& body);
  std::string reply(int status, const std::string& extraHeaders);
  void reset();
  uint64_t writeLimit() const {
    return writeReset_ < resetsAtWritten.size() ? resetsAtWritten[writeReset_] : UINT64_MAX;
  }
  uint64_t readLimit() const {
    return readReset_ < resetsAtRead.size() ? resetsAtRead[readReset_] : UINT64_MAX;
  }

  FakeClock& clock_;
  bool open_ = false;
  std::string in_;
  std::string out_;
  int nextId_ = 1;
  size_t writeReset_ = 0;
  size_t readReset_ = 0;
};
