#include "scripted_transport.h"

#include <algorithm>
#include <cstring>

#include "check.h"
#include "http_request_scan.h"

using porthole::IoResult;
using porthole::IoStatus;

ScriptedConnection& ScriptedTransport::add(ScriptedConnection connection) {
  script_.push_back(std::move(connection));
  return script_.back();
}

ScriptedConnection& ScriptedTransport::add(const std::string& response) {
  ScriptedConnection c;
  c.responses.push_back(response);
  return add(std::move(c));
}

std::vector<std::string> ScriptedTransport::requests(size_t i) const {
  std::vector<std::string> out;
  std::string rest = script_[i].written;
  for (;;) {
    const ScannedRequest r = scanRequest(rest);
    if (!r.complete) break;
    out.push_back(rest.substr(0, r.consumed));
    rest = rest.substr(r.consumed);
  }
  return out;
}

bool ScriptedTransport::connect(const char* host, uint16_t port, uint32_t timeoutMs) {
  check::NotCounted quiet;
  lastHost = host;
  lastPort = port;
  ++connects_;
  open_ = false;
  reset_ = false;
  if (static_cast<size_t>(current_ + 1) >= script_.size()) {
    clock_.advance(timeoutMs);  // nobody answers: the connect attempt runs out its time
    return false;
  }
  ++current_;
  if (script_[static_cast<size_t>(current_)].refuseConnect) return false;
  open_ = true;
  return true;
}

std::string ScriptedTransport::readable(const ScriptedConnection& c) const {
  std::string rest = c.written;
  std::string out;
  for (const std::string& response : c.responses) {
    const ScannedRequest r = scanRequest(rest);
    if (!r.complete) break;
    out += response;
    rest = rest.substr(r.consumed);
  }
  return out;
}

IoResult ScriptedTransport::write(const uint8_t* data, size_t len, uint32_t timeoutMs) {
  check::NotCounted quiet;
  if (!open_ || reset_) return {IoStatus::Error, 0};
  ScriptedConnection& c = script_[static_cast<size_t>(current_)];
  if (c.stallWrites) {
    clock_.advance(timeoutMs);
    return {IoStatus::Timeout, 0};
  }
  if (c.written.size() >= c.resetAfterWritten) {
    reset_ = true;
    return {IoStatus::Error, 0};
  }
  size_t n = std::min({len, c.maxWritePerCall, c.resetAfterWritten - c.written.size()});
  c.written.append(reinterpret_cast<const char*>(data), n);
  return {IoStatus::Ok, n};
}

IoResult ScriptedTransport::read(uint8_t* buffer, size_t cap, uint32_t timeoutMs) {
  check::NotCounted quiet;
  if (!open_ || reset_) return {IoStatus::Error, 0};
  ScriptedConnection& c = script_[static_cast<size_t>(current_)];
  if (c.written.size() >= c.resetAfterWritten || c.read >= c.resetAfterRead) {
    reset_ = true;
    return {IoStatus::Error, 0};
  }
  const std::string available = readable(c);
  if (c.read < available.size()) {
    const size_t n = std::min({cap, c.maxReadPerCall, available.size() - c.read, c.resetAfterRead - c.read});
    std::memcpy(buffer, available.data() + c.read, n);
    c.read += n;
    clock_.advance(c.readDelayMs);
    return {IoStatus::Ok, n};
  }
  if (c.resetWhenUnanswered && requests(static_cast<size_t>(current_)).size() > c.responses.size()) {
    reset_ = true;
    return {IoStatus::Error, 0};
  }
  size_t scripted = 0;
  for (const auto& r : c.responses) scripted += r.size();
  if (c.closeAfterResponses && available.size() == scripted) return {IoStatus::Closed, 0};
  clock_.advance(timeoutMs);
  return {IoStatus::Timeout, 0};
}

void ScriptedTransport::close() {
  check::NotCounted quiet;
  if (open_ && current_ >= 0) script_[static_cast<size_t>(current_)].closedByClient = true;
  open_ = false;
}
