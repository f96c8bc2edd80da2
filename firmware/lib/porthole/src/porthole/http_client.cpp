#include "http_client.h"

namespace porthole {

const char* describe(ExchangeStatus status) {
  switch (status) {
    case ExchangeStatus::Ok:
      return "ok";
    case ExchangeStatus::ConnectFailed:
      return "connect failed";
    case ExchangeStatus::SendFailed:
      return "connection broke while sending";
    case ExchangeStatus::Timeout:
      return "timed out";
    case ExchangeStatus::Closed:
      return "connection closed before the response was complete";
    case ExchangeStatus::BadResponse:
      return "malformed response";
  }
  return "?";
}

HttpClient::HttpClient(Transport& transport, Clock& clock, const RelayEndpoint& relay,
                       const Timeouts& timeouts)
    : transport_(transport), clock_(clock), relay_(relay), timeouts_(timeouts) {}

void HttpClient::disconnect() {
  if (connected_) transport_.close();
  connected_ = false;
}

ExchangeStatus HttpClient::exchange(const char* head, size_t headLen, const uint8_t* body, size_t bodyLen,
                                    bool headRequest) {
  if (connected_ && !reusable()) disconnect();
  return attempt(head, headLen, body, bodyLen, headRequest);
}

// An idle kept-alive connection must have nothing to say: a close (the relay's idle timeout) or
// unexpected bytes both mean it cannot carry the next request.
bool HttpClient::reusable() {
  const IoResult r = transport_.read(rx_, sizeof rx_, 0);
  return r.status == IoStatus::Timeout;
}

ExchangeStatus HttpClient::attempt(const char* head, size_t headLen, const uint8_t* body, size_t bodyLen,
                                   bool headRequest) {
  lastError_ = nullptr;
  bodySent_ = 0;
  parser_.begin(headRequest);
  if (!connected_) {
    if (!transport_.connect(relay_.host, relay_.port, timeouts_.connectMs)) {
      transport_.close();
      lastError_ = describe(ExchangeStatus::ConnectFailed);
      return ExchangeStatus::ConnectFailed;
    }
    connected_ = true;
  }
  const uint32_t deadline = clock_.nowMs() + timeouts_.exchangeMs;
  ExchangeStatus status = writeAll(reinterpret_cast<const uint8_t*>(head), headLen, deadline, nullptr);
  if (status == ExchangeStatus::Ok && bodyLen > 0) status = writeAll(body, bodyLen, deadline, &bodySent_);
  if (status == ExchangeStatus::Ok) status = readResponse(deadline);
  if (status != ExchangeStatus::Ok) {
    if (lastError_ == nullptr) lastError_ = describe(status);
    disconnect();
    return status;
  }
  if (!parser_.response().keepAlive) disconnect();
  return ExchangeStatus::Ok;
}

uint32_t HttpClient::stepTimeout(uint32_t deadline) {
  const uint32_t left = remainingMs(deadline, clock_.nowMs());
  return left < timeouts_.ioIdleMs ? left : timeouts_.ioIdleMs;
}

ExchangeStatus HttpClient::writeAll(const uint8_t* data, size_t len, uint32_t deadline, size_t* progress) {
  size_t sent = 0;
  while (sent < len) {
    const uint32_t timeout = stepTimeout(deadline);
    if (timeout == 0) return ExchangeStatus::Timeout;
    const IoResult r = transport_.write(data + sent, len - sent, timeout);
    if (r.status == IoStatus::Timeout) return ExchangeStatus::Timeout;
    if (r.status != IoStatus::Ok || r.bytes == 0 || r.bytes > len - sent) return ExchangeStatus::SendFailed;
    sent += r.bytes;
    if (progress != nullptr) *progress = sent;
  }
  return ExchangeStatus::Ok;
}

ExchangeStatus HttpClient::readResponse(uint32_t deadline) {
  while (!parser_.done()) {
    const uint32_t timeout = stepTimeout(deadline);
    if (timeout == 0) return ExchangeStatus::Timeout;
    const IoResult r = transport_.read(rx_, sizeof rx_, timeout);
    if (r.status == IoStatus::Timeout) return ExchangeStatus::Timeout;
    if (r.status != IoStatus::Ok || r.bytes == 0) {
      parser_.endOfStream();
      if (parser_.done()) return ExchangeStatus::Ok;
      lastError_ = parser_.error();
      return ExchangeStatus::Closed;
    }
    const size_t n = r.bytes > sizeof rx_ ? sizeof rx_ : r.bytes;
    const size_t used = parser_.feed(rx_, n);
    if (parser_.failed()) {
      lastError_ = parser_.error();
      return ExchangeStatus::BadResponse;
    }
    // Bytes past the end of the response were never asked for: do not trust this connection again.
    if (parser_.done() && used < n) disconnect();
  }
  return ExchangeStatus::Ok;
}

}  // namespace porthole
