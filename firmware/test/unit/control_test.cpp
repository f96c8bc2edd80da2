#include <string>

#include "check.h"
#include "fake_tus_server.h"
#include "http_request_scan.h"
#include "porthole/control.h"
#include "scripted_transport.h"
#include "upload_rig.h"

using porthole::ControlResult;

TEST("posts {\"paused\":true} with the bearer token to /control") {
  UploadRig<FakeTusServer> rig;
  uint16_t status = 0;
  CHECK_EQ(porthole::postControl(rig.http, "secret", true, &status), ControlResult::Accepted);
  CHECK_EQ(status, 204);
  CHECK_EQ(rig.transport.pausedBody, std::string("{\"paused\":true}"));
  CHECK_EQ(porthole::postControl(rig.http, "secret", false), ControlResult::Accepted);
  CHECK_EQ(rig.transport.pausedBody, std::string("{\"paused\":false}"));
}

TEST("writes a well-formed JSON control request") {
  UploadRig<ScriptedTransport> rig;
  rig.transport.add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
  CHECK_EQ(porthole::postControl(rig.http, "secret", true), ControlResult::Accepted);
  const ScannedRequest r = scanRequest(rig.transport.requests(0).at(0));
  CHECK_EQ(r.method, std::string("POST"));
  CHECK_EQ(r.path, std::string("/control"));
  CHECK_EQ(headerOr(r, "content-type"), std::string("application/json"));
  CHECK_EQ(headerOr(r, "authorization"), std::string("Bearer secret"));
  CHECK_EQ(r.body, std::string("{\"paused\":true}"));
}

TEST("reports a refused token as unauthorized") {
  UploadRig<FakeTusServer> rig;
  uint16_t status = 0;
  CHECK_EQ(porthole::postControl(rig.http, "wrong", true, &status), ControlResult::Unauthorized);
  CHECK_EQ(status, 401);
}

TEST("reports network trouble and relay errors as failed, to be retried") {
  UploadRig<ScriptedTransport> rig;
  uint16_t status = 99;
  CHECK_EQ(porthole::postControl(rig.http, "secret", true, &status), ControlResult::Failed);  // no connection
  CHECK_EQ(status, 0);
  rig.transport.add("HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n");
  CHECK_EQ(porthole::postControl(rig.http, "secret", true, &status), ControlResult::Failed);
  CHECK_EQ(status, 503);
  rig.transport.add("garbage\r\n\r\n");
  CHECK_EQ(porthole::postControl(rig.http, "secret", true), ControlResult::Failed);
}
