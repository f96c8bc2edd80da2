#include <string>

#include "check.h"
#include "scripted_transport.h"
#include "upload_rig.h"

using porthole::ExchangeStatus;

namespace {
const char kHead[] = "HEAD /files/x HTTP/1.1\r\nHost: relay.test:8787\r\n\r\n";
}

TEST("reports a refused connection without waiting") {
  UploadRig<ScriptedTransport> rig;
  ScriptedConnection refused;
  refused.refuseConnect = true;
  rig.transport.add(refused);
  const uint32_t start = rig.clock.now;
  CHECK_EQ(rig.http.exchange(kHead, sizeof kHead - 1, nullptr, 0, true), ExchangeStatus::ConnectFailed);
  CHECK_EQ(rig.clock.now, start);
  CHECK_STREQ(rig.http.lastError(), "connect failed");
}

TEST("bounds a response that trickles in by the whole-exchange deadline") {
  UploadRig<ScriptedTransport> rig;
  ScriptedConnection c;
  c.responses = {"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(100000, 'x')};
  c.maxReadPerCall = 1;
  c.readDelayMs = 900;  // each byte just inside the idle timeout
  rig.transport.add(c);
  const uint32_t start = rig.clock.now;
  CHECK_EQ(rig.http.exchange(kHead, sizeof kHead - 1, nullptr, 0, false), ExchangeStatus::Timeout);
  CHECK(rig.clock.now - start <= rig.timeouts.exchangeMs + 900);
}

TEST("closes the connection after a malformed response and names the problem") {
  UploadRig<ScriptedTransport> rig;
  rig.transport.add("HTTP/1.1 200 OK\r\nContent-Length: banana\r\n\r\n");
  CHECK_EQ(rig.http.exchange(kHead, sizeof kHead - 1, nullptr, 0, true), ExchangeStatus::BadResponse);
  CHECK_STREQ(rig.http.lastError(), "bad Content-Length");
  CHECK(rig.transport.connection(0).closedByClient);
}

TEST("reports a connection closed mid-response") {
  UploadRig<ScriptedTransport> rig;
  ScriptedConnection c;
  c.responses = {"HTTP/1.1 204 No Content\r\nUpload-Off"};
  c.closeAfterResponses = true;
  rig.transport.add(c);
  CHECK_EQ(rig.http.exchange(kHead, sizeof kHead - 1, nullptr, 0, true), ExchangeStatus::Closed);
  CHECK_STREQ(rig.http.lastError(), "connection closed mid-response");
}

TEST("does not reuse a connection that sent more than the response") {
  UploadRig<ScriptedTransport> rig;
  rig.transport.add("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");
  rig.transport.add("HTTP/1.1 204 No Content\r\n\r\n");
  CHECK_EQ(rig.http.exchange(kHead, sizeof kHead - 1, nullptr, 0, true), ExchangeStatus::Ok);
  CHECK_EQ(rig.http.exchange(kHead, sizeof kHead - 1, nullptr, 0, true), ExchangeStatus::Ok);
  CHECK_EQ(rig.transport.connects(), 2u);
}
