// One HTTP/1.1 request/response exchange over a Transport, with keep-alive reuse and hard
// deadlines: no call here waits longer than the configured timeouts, whatever the peer does.
#pragma once

#include <cstddef>
#include <cstdint>

#include "clock.h"
#include "http_response.h"
#include "relay_url.h"
#include "transport.h"

namespace porthole {

struct Timeouts {
  constexpr Timeouts(uint32_t connect = 8000, uint32_t ioIdle = 8000, uint32_t exchange = 30000)
      : connectMs(connect), ioIdleMs(ioIdle), exchangeMs(exchange) {}
  uint32_t connectMs;   // TCP (and TLS) set-up
  uint32_t ioIdleMs;    // longest wait for any single write or read to make progress
  uint32_t exchangeMs;  // whole request + response, once connected
};

enum class ExchangeStatus : uint8_t {
  Ok,  // a complete response was parsed (whatever its status code)
  ConnectFailed,
  SendFailed,  // the connection broke while the request was being written
  Timeout,
  Closed,       // the peer closed the connection before the response was complete
  BadResponse,  // the bytes that came back were not an HTTP/1.x response
};

const char* describe(ExchangeStatus status);

class HttpClient {
 public:
  HttpClient(Transport& transport, Clock& clock, const RelayEndpoint& relay, const Timeouts& timeouts);

  // Sends `head` then `body` and parses the answer. A kept-alive connection is checked before
  // reuse. A request that fails is never resent blindly: the caller decides (tus asks HEAD first).
  ExchangeStatus exchange(const char* head, size_t headLen, const uint8_t* body, size_t bodyLen,
                          bool headRequest);

  const HttpResponse& response() const { return parser_.response(); }
  // Why the last exchange failed, for logs; nullptr after success.
  const char* lastError() const { return lastError_; }
  // Body bytes the transport accepted during the last exchange.
  size_t bodyBytesSent() const { return bodySent_; }
  const RelayEndpoint& relay() const { return relay_; }
  void disconnect();

 private:
  bool reusable();
  ExchangeStatus attempt(const char* head, size_t headLen, const uint8_t* body, size_t bodyLen,
                         bool headRequest);
  ExchangeStatus writeAll(const uint8_t* data, size_t len, uint32_t deadline, size_t* progress);
  ExchangeStatus readResponse(uint32_t deadline);
  uint32_t stepTimeout(uint32_t deadline);

  Transport& transport_;
  Clock& clock_;
  const RelayEndpoint& relay_;
  Timeouts timeouts_;
  ResponseParser parser_;
  bool connected_ = false;
  const char* lastError_ = nullptr;
  size_t bodySent_ = 0;
  uint8_t rx_[512] = {};
};

}  // namespace porthole
