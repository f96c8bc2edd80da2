// The tus client's decisions, driven by scripted relay answers.
#include <string>

#include "check.h"
#include "http_request_scan.h"
#include "scripted_transport.h"
#include "upload_rig.h"

using porthole::FrameOutcome;
using porthole::UploadPhase;

namespace {

using Rig = UploadRig<ScriptedTransport>;

std::string created(size_t offset, const std::string& extra = "") {
  return "HTTP/1.1 201 Created\r\nLocation: http://relay.test:8787/files/f1\r\nUpload-Offset: " +
         std::to_string(offset) + "\r\nTus-Resumable: 1.0.0\r\n" + extra + "Content-Length: 0\r\n\r\n";
}
std::string appended(size_t offset, const std::string& extra = "") {
  return "HTTP/1.1 204 No Content\r\nUpload-Offset: " + std::to_string(offset) + "\r\n" + extra + "\r\n";
}
std::string offsetIs(size_t offset) {
  return "HTTP/1.1 200 OK\r\nUpload-Offset: " + std::to_string(offset) + "\r\nUpload-Length: 100\r\n\r\n";
}
std::string status(int code, const std::string& extra = "") {
  return "HTTP/1.1 " + std::to_string(code) + " X\r\n" + extra + "Content-Length: 5\r\n\r\nnope.";
}
ScriptedConnection answers(std::initializer_list<std::string> responses) {
  ScriptedConnection c;
  c.responses = responses;
  return c;
}
ScannedRequest request(const Rig& rig, size_t connection, size_t index) {
  return scanRequest(rig.transport.requests(connection).at(index));
}

}  // namespace

TEST("publishes a frame with a single creation-with-upload POST") {
  Rig rig;
  rig.transport.add(created(100));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.transport.connects(), 1u);
  CHECK_EQ(rig.uploader.requests(), 1u);
  const ScannedRequest post = request(rig, 0, 0);
  CHECK_EQ(post.method, std::string("POST"));
  CHECK_EQ(post.path, std::string("/files/"));
  CHECK_EQ(headerOr(post, "upload-length"), std::string("100"));
  CHECK_EQ(headerOr(post, "authorization"), std::string("Bearer secret"));
  CHECK_EQ(post.body, rig.frame);
  CHECK_EQ(rig.transport.lastHost, std::string("relay.test"));
  CHECK_EQ(rig.transport.lastPort, 8787);
}

TEST("reports the waves the relay announced with the upload") {
  Rig rig;
  rig.transport.add(created(100, "Porthole-Waves: 4\r\n"));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.uploader.waves(), 4u);
}

TEST("adds up waves announced across the requests of one frame") {
  Rig rig;
  ScriptedConnection first;
  first.resetAfterWritten = 250;
  rig.transport.add(first);
  rig.transport.add(answers({created(0, "Porthole-Waves: 2\r\n"), appended(100, "Porthole-Waves: 1\r\n")}));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.uploader.waves(), 3u);
}

TEST("survives partial writes of a few bytes at a time") {
  Rig rig;
  ScriptedConnection c = answers({created(100)});
  c.maxWritePerCall = 7;
  rig.transport.add(c);
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(request(rig, 0, 0).body, rig.frame);
}

TEST("survives a response arriving one byte at a time") {
  Rig rig;
  ScriptedConnection c = answers({created(100, "Porthole-Waves: 2\r\n")});
  c.maxReadPerCall = 1;
  rig.transport.add(c);
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.uploader.waves(), 2u);
}

TEST("reads a chunked response to the creation POST") {
  Rig rig;
  rig.transport.add(
      "HTTP/1.1 201 Created\r\nLocation: /files/f1\r\nUpload-Offset: 100\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n0\r\n\r\n");
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
}

TEST("after a drop during the creation POST, creates resumably and sends the frame by PATCH") {
  Rig rig;
  ScriptedConnection cut;
  cut.resetAfterWritten = 300;  // inside the body
  rig.transport.add(cut);
  rig.transport.add(answers({created(0), appended(100)}));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  const ScannedRequest create = request(rig, 1, 0);
  CHECK_EQ(create.method, std::string("POST"));
  CHECK_EQ(headerOr(create, "content-length"), std::string("0"));
  CHECK_EQ(headerOr(create, "upload-length"), std::string("100"));
  const ScannedRequest patch = request(rig, 1, 1);
  CHECK_EQ(patch.method, std::string("PATCH"));
  CHECK_EQ(patch.path, std::string("/files/f1"));
  CHECK_EQ(headerOr(patch, "upload-offset"), std::string("0"));
  CHECK_EQ(patch.body, rig.frame);
  CHECK(rig.waited > 0);
}

TEST("after a drop during PATCH, asks for the offset with HEAD and sends only the rest") {
  Rig rig;
  ScriptedConnection first;
  first.resetAfterWritten = 300;  // the creation-with-upload POST breaks
  rig.transport.add(first);
  rig.transport.add(answers({created(0)}));
  rig.transport.add(answers({offsetIs(37), appended(100)}));
  rig.uploader.begin(reinterpret_cast<const uint8_t*>(rig.frame.data()), rig.frame.size(), rig.clock.now);
  rig.clock.advance(rig.uploader.step().waitMs);
  rig.uploader.step();  // creation without body, on the second connection
  CHECK_EQ(rig.uploader.phase(), UploadPhase::Append);
  // The PATCH head is under 200 bytes: the connection breaks 30+ bytes into its body.
  rig.transport.connection(1).resetAfterWritten = rig.transport.connection(1).written.size() + 230;
  CHECK_EQ(rig.finish(), FrameOutcome::Published);
  const ScannedRequest head = request(rig, 2, 0);
  CHECK_EQ(head.method, std::string("HEAD"));
  CHECK_EQ(head.path, std::string("/files/f1"));
  const ScannedRequest patch = request(rig, 2, 1);
  CHECK_EQ(headerOr(patch, "upload-offset"), std::string("37"));
  CHECK_EQ(patch.body, rig.frame.substr(37));
  CHECK_EQ(rig.uploader.resumes(), 1u);
}

TEST("on 409 offset conflict, asks for the offset and continues from the relay's") {
  Rig rig;
  rig.transport.add(answers({created(20), status(409), offsetIs(60), appended(100)}));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  const ScannedRequest firstPatch = request(rig, 0, 1);
  CHECK_EQ(headerOr(firstPatch, "upload-offset"), std::string("20"));
  const ScannedRequest retry = request(rig, 0, 3);
  CHECK_EQ(headerOr(retry, "upload-offset"), std::string("60"));
  CHECK_EQ(retry.body, rig.frame.substr(60));
  CHECK_EQ(rig.waited, 0u);  // a first conflict is resolved at once
}

TEST("on 460 checksum mismatch, backs off, asks for the offset and resends") {
  Rig rig;
  rig.transport.add(answers({created(50), status(460), offsetIs(50), appended(100)}));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(request(rig, 0, 2).method, std::string("HEAD"));
  CHECK_EQ(request(rig, 0, 3).body, rig.frame.substr(50));
  CHECK(rig.waited > 0);
}

TEST("gives up on a frame at once when the token is refused") {
  for (int code : {401, 403}) {
    Rig rig;
    rig.transport.add(status(code));
    CHECK_EQ(rig.upload(), FrameOutcome::Unauthorized);
    CHECK_EQ(rig.uploader.requests(), 1u);
    CHECK_EQ(rig.uploader.problemStatus(), code);
  }
}

TEST("drops a frame the relay says is too large") {
  Rig rig;
  rig.transport.add(status(413));
  CHECK_EQ(rig.upload(), FrameOutcome::Rejected);
  CHECK_EQ(rig.uploader.requests(), 1u);
}

TEST("drops a frame the relay refuses as invalid") {
  for (int code : {400, 415, 422}) {
    Rig rig;
    rig.transport.add(status(code));
    CHECK_EQ(rig.upload(), FrameOutcome::Rejected);
  }
}

TEST("retries after a relay error with a growing, jittered wait") {
  Rig rig;
  rig.transport.add(answers({status(500), status(503), created(0), appended(100)}));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.waited, 250u + 500u);  // random() = 0: the lower half of 500 then 1000
}

TEST("honours Retry-After when the relay is busy") {
  Rig rig;
  rig.transport.add(answers({status(429, "Retry-After: 3\r\n"), created(100)}));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.waited, 3000u);
}

TEST("treats a garbage answer as a failure and reconnects") {
  Rig rig;
  rig.transport.add("SSH-2.0-OpenSSH_9.2\r\n\r\n");
  rig.transport.add(answers({created(0), appended(100)}));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.transport.connects(), 2u);
  CHECK(rig.transport.connection(0).closedByClient);
}

TEST("times out on a relay that never answers, then retries on a new connection") {
  Rig rig;
  rig.transport.add(ScriptedConnection{});  // accepts the request, says nothing
  rig.transport.add(answers({created(0), appended(100)}));
  const uint32_t start = rig.clock.now;
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK(rig.clock.now - start >= rig.timeouts.ioIdleMs);
  CHECK(rig.clock.now - start <= rig.timeouts.exchangeMs + 1000);
  CHECK_STREQ(rig.uploader.problem(), "timed out");
}

TEST("times out a write that never drains") {
  Rig rig;
  ScriptedConnection stalled;
  stalled.stallWrites = true;
  rig.transport.add(stalled);
  rig.transport.add(answers({created(0), appended(100)}));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
}

TEST("abandons a frame that cannot be delivered before it is too old, with every wait bounded") {
  Rig rig;
  rig.config.maxFrameAgeMs = 20000;
  porthole::FrameUploader uploader(rig.http, rig.clock, rig.random, rig.config);
  uploader.begin(reinterpret_cast<const uint8_t*>(rig.frame.data()), rig.frame.size(), rig.clock.now);
  const uint32_t start = rig.clock.now;
  porthole::StepResult r{FrameOutcome::InProgress, 0};
  int steps = 0;
  while (r.outcome == FrameOutcome::InProgress && steps++ < 100) {
    r = uploader.step();  // no scripted connection: every connect times out
    rig.clock.advance(r.waitMs);
  }
  CHECK_EQ(r.outcome, FrameOutcome::Abandoned);
  CHECK_STREQ(uploader.problem(), "frame too old");
  CHECK(rig.clock.now - start <= 20000 + rig.timeouts.connectMs + rig.config.backoff.capMs);
}

TEST("stops after the per-frame request limit even if the relay keeps answering") {
  Rig rig;
  rig.config.maxRequestsPerFrame = 5;
  porthole::FrameUploader uploader(rig.http, rig.clock, rig.random, rig.config);
  ScriptedConnection c;
  for (int i = 0; i < 10; ++i) c.responses.push_back(status(503));
  rig.transport.add(c);
  uploader.begin(reinterpret_cast<const uint8_t*>(rig.frame.data()), rig.frame.size(), rig.clock.now);
  porthole::StepResult r{FrameOutcome::InProgress, 0};
  for (int i = 0; i < 20 && r.outcome == FrameOutcome::InProgress; ++i) r = uploader.step();
  CHECK_EQ(r.outcome, FrameOutcome::Abandoned);
  CHECK_EQ(uploader.requests(), 5u);
}

TEST("retries the creation when a 201 carries no usable Location") {
  Rig rig;
  rig.transport.add(answers({"HTTP/1.1 201 Created\r\nUpload-Offset: 100\r\nContent-Length: 0\r\n\r\n",
                             created(0), appended(100)}));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_STREQ(rig.uploader.problem(), "201 without a usable Location");
}

TEST("counts a frame as published when HEAD shows the lost PATCH had arrived") {
  Rig rig;
  rig.transport.add(created(10, "Connection: close\r\n"));  // the relay took 10 bytes only
  ScriptedConnection lost;
  lost.resetAfterRead = 0;  // the PATCH goes out whole, its answer never comes back
  rig.transport.add(lost);
  rig.transport.add(answers({offsetIs(100)}));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(request(rig, 1, 0).body, rig.frame.substr(10));
  CHECK_EQ(rig.transport.requests(2).size(), 1u);
  CHECK_EQ(request(rig, 2, 0).method, std::string("HEAD"));
}

TEST("does not resend blindly when a reused connection dies before answering, but asks first") {
  Rig rig;
  rig.transport.add(created(10));
  rig.transport.add(answers({offsetIs(60), appended(100)}));
  rig.uploader.begin(reinterpret_cast<const uint8_t*>(rig.frame.data()), rig.frame.size(), rig.clock.now);
  rig.uploader.step();  // the relay took 10 bytes
  // Still open when checked, then reset right after the whole PATCH went out.
  rig.transport.connection(0).resetWhenUnanswered = true;
  CHECK_EQ(rig.finish(), FrameOutcome::Published);
  CHECK_EQ(rig.transport.requests(0).size(), 2u);
  CHECK_STREQ(rig.uploader.problem(), "connection closed before a response");
  CHECK_EQ(request(rig, 1, 0).method, std::string("HEAD"));
  CHECK_EQ(request(rig, 1, 1).body, rig.frame.substr(60));
}

TEST("checks an idle kept-alive connection before reusing it") {
  Rig rig;
  rig.transport.add(created(100));
  rig.transport.add(created(100));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  rig.transport.connection(0).resetAfterRead = rig.transport.connection(0).read;  // died while idle
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.transport.requests(0).size(), 1u);
  CHECK_EQ(rig.transport.connects(), 2u);
}

TEST("starts a new upload when HEAD says the old one is gone") {
  Rig rig;
  rig.transport.add(answers({created(10), status(503), status(404), created(0), appended(100)}));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(request(rig, 0, 3).method, std::string("POST"));
}

TEST("starts over when the relay claims more bytes than the frame has") {
  Rig rig;
  rig.transport.add(answers({created(10), status(409), offsetIs(500), created(0), appended(100)}));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_STREQ(rig.uploader.problem(), "relay reports more bytes than the frame has");
}

TEST("asks again when a PATCH answer makes no progress") {
  Rig rig;
  rig.transport.add(answers({created(10), appended(10), offsetIs(10), appended(100)}));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(request(rig, 0, 2).method, std::string("HEAD"));
}

TEST("refuses a POST to a relay without a tus endpoint") {
  Rig rig;
  rig.transport.add(status(404));
  CHECK_EQ(rig.upload(), FrameOutcome::Rejected);
}

TEST("reuses one kept-alive connection for consecutive frames") {
  Rig rig;
  rig.transport.add(answers({created(100), created(100), created(100)}));
  for (int i = 0; i < 3; ++i) CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.transport.connects(), 1u);
}

TEST("reopens a kept-alive connection the relay had closed, without counting a failure") {
  Rig rig;
  ScriptedConnection c = answers({created(100)});
  c.closeAfterResponses = true;
  rig.transport.add(c);
  rig.transport.add(created(100));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.transport.connects(), 2u);
  CHECK_EQ(rig.uploader.requests(), 1u);
  CHECK_EQ(rig.waited, 0u);
}

TEST("closes the connection when the relay says Connection: close") {
  Rig rig;
  rig.transport.add(created(100, "Connection: close\r\n"));
  rig.transport.add(created(100));
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK(rig.transport.connection(0).closedByClient);
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.transport.connects(), 2u);
}

TEST("does not allocate on the heap while uploading") {
  Rig rig;
  ScriptedConnection first;
  first.resetAfterWritten = 300;
  rig.transport.add(first);
  rig.transport.add(answers({created(0), status(409), offsetIs(30), appended(100, "Porthole-Waves: 1\r\n")}));
  rig.uploader.begin(reinterpret_cast<const uint8_t*>(rig.frame.data()), rig.frame.size(), rig.clock.now);
  check::CountAllocations counting;
  const FrameOutcome outcome = rig.finish();
  CHECK_EQ(outcome, FrameOutcome::Published);
  CHECK_EQ(counting.count(), 0u);
}
