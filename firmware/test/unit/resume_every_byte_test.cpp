// Cut the connection at every byte boundary of the upload traffic (both directions) against an
// in-memory tus server: every time, exactly the original frame must end up on the relay.
#include <string>

#include "check.h"
#include "fake_tus_server.h"
#include "upload_rig.h"

using porthole::FrameOutcome;

namespace {

using Rig = UploadRig<FakeTusServer>;

// Bytes written and read for one undisturbed upload of the rig's frame.
void measureCleanUpload(uint64_t& written, uint64_t& read) {
  Rig rig;
  rig.upload();
  written = rig.transport.written;
  read = rig.transport.readBytes;
}

// The relay must hold the frame, intact, and nothing else that claims to be complete.
void checkDelivered(Rig& rig, FrameOutcome outcome, const std::string& label) {
  if (outcome != FrameOutcome::Published) {
    check::fail(__FILE__, __LINE__, label + ": outcome " + std::string(porthole::describe(outcome)));
    return;
  }
  const auto complete = rig.transport.completedData();
  if (complete.empty()) check::fail(__FILE__, __LINE__, label + ": no complete upload");
  for (const std::string& data : complete) {
    if (data != rig.frame)
      check::fail(__FILE__, __LINE__, label + ": a completed upload differs from the frame");
  }
}

}  // namespace

TEST("an undisturbed upload is one POST on one connection") {
  Rig rig;
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.transport.connects, 1u);
  CHECK_EQ(rig.transport.log.size(), 1u);
  CHECK_EQ(rig.transport.completedData().size(), 1u);
}

TEST("delivers the frame intact when the connection resets at any byte of the creation request") {
  uint64_t total = 0;
  uint64_t read = 0;
  measureCleanUpload(total, read);
  CHECK(total > 250);
  for (uint64_t cut = 0; cut <= total; ++cut) {
    Rig rig;
    rig.transport.resetsAtWritten = {cut};
    checkDelivered(rig, rig.upload(), "cut at written byte " + std::to_string(cut));
  }
}

TEST("delivers the frame intact when the response is cut at any byte") {
  uint64_t total = 0;
  uint64_t read = 0;
  measureCleanUpload(total, read);
  CHECK(read > 50);
  for (uint64_t cut = 0; cut < read; ++cut) {
    Rig rig;
    rig.transport.resetsAtRead = {cut};
    checkDelivered(rig, rig.upload(), "cut at read byte " + std::to_string(cut));
  }
}

TEST("delivers the frame intact when the resumed upload is cut again at any byte") {
  // First cut in the middle of the creation body; then sweep a second cut over all the traffic
  // of the resumable path that follows (creation, PATCH, HEAD, PATCH ...).
  uint64_t total = 0;
  uint64_t read = 0;
  measureCleanUpload(total, read);
  const uint64_t firstCut = total - 40;
  Rig probe;
  probe.transport.resetsAtWritten = {firstCut};
  probe.upload();
  const uint64_t followUp = probe.transport.written - firstCut;
  CHECK(followUp > 300);
  for (uint64_t extra = 1; extra <= followUp; ++extra) {
    Rig rig;
    rig.transport.resetsAtWritten = {firstCut, firstCut + extra};
    checkDelivered(rig, rig.upload(), "second cut " + std::to_string(extra) + " bytes after the first");
  }
}

TEST("keeps resuming through a cut every few bytes until the frame is in") {
  Rig rig;
  rig.frame = testFrame(2000);
  for (uint64_t at = 150; at < 40000; at += 700) rig.transport.resetsAtWritten.push_back(at);
  const FrameOutcome outcome = rig.upload(400);
  checkDelivered(rig, outcome, "cut every 700 bytes");
  CHECK(rig.uploader.resumes() > 3);
}

TEST("follows a relative Location as well as an absolute one") {
  Rig rig;
  rig.transport.relativeLocation = true;
  rig.transport.resetsAtWritten = {300, 700};
  checkDelivered(rig, rig.upload(), "relative Location");
}

TEST("reports the relay's waves even when the upload needed several requests") {
  Rig rig;
  rig.transport.wavesPerResponse = 2;
  rig.transport.resetsAtWritten = {300};
  CHECK_EQ(rig.upload(), FrameOutcome::Published);
  CHECK_EQ(rig.uploader.waves(), 4u);  // creation + PATCH each carried 2
}
