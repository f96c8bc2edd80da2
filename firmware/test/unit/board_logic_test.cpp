// Board decisions kept as pure logic: the switch's control outbox and the boot guard.
#include "check.h"
#include "fake_clock.h"
#include "porthole/boot_guard.h"
#include "porthole/control_outbox.h"

using porthole::ControlOutbox;
using porthole::ControlResult;

TEST("a switch flip is due at once and cleared when the relay accepts it") {
  FakeRandom r;
  ControlOutbox box({500, 30000}, r);
  CHECK(!box.pending());
  CHECK(!box.due(0));
  box.request(true, 100);
  CHECK(box.due(100));
  CHECK(box.paused());
  box.delivered(ControlResult::Accepted, 150);
  CHECK(!box.pending());
  CHECK(!box.due(100000));
}

TEST("a failed control message is retried with growing waits until it gets through") {
  FakeRandom r;
  ControlOutbox box({500, 30000}, r);
  box.request(true, 0);
  box.delivered(ControlResult::Failed, 0);
  CHECK(!box.due(249));
  CHECK(box.due(250));
  box.delivered(ControlResult::Failed, 250);
  CHECK(!box.due(749));
  CHECK(box.due(750));
  box.delivered(ControlResult::Accepted, 750);
  CHECK(!box.pending());
}

TEST("the newest switch position wins and is sent at once") {
  FakeRandom r;
  ControlOutbox box({500, 30000}, r);
  box.request(true, 0);
  box.delivered(ControlResult::Failed, 0);
  box.request(false, 10);
  CHECK(box.due(10));
  CHECK(!box.paused());
}

TEST("a refused token is retried only rarely") {
  FakeRandom r;
  ControlOutbox box({500, 30000}, r);
  box.request(true, 0);
  box.delivered(ControlResult::Unauthorized, 0);
  CHECK(!box.due(29999));
  CHECK(box.due(30000));
  CHECK(box.pending());
}

TEST("a clean boot starts at once at full power") {
  const porthole::BootDecision d = porthole::decideBoot(0, 0);
  CHECK_EQ(d.waitMs, 0u);
  CHECK_EQ(d.deepSleepS, 0u);
  CHECK(!d.lowTxPower);
}

TEST("repeated bad resets wait longer each time, then sleep instead of looping") {
  CHECK_EQ(porthole::decideBoot(1, 0).waitMs, 2000u);
  CHECK_EQ(porthole::decideBoot(2, 0).waitMs, 4000u);
  CHECK_EQ(porthole::decideBoot(5, 0).waitMs, 30000u);
  CHECK_EQ(porthole::decideBoot(6, 0).deepSleepS, 600u);
  CHECK_EQ(porthole::decideBoot(40, 0).deepSleepS, 600u);
}

TEST("after a brown-out the radio comes up at reduced power") {
  CHECK(porthole::decideBoot(1, 1).lowTxPower);
  CHECK(!porthole::decideBoot(1, 0).lowTxPower);
}
