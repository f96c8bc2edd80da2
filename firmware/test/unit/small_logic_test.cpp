// Backoff, debouncing, frame age and wave counts: the pure logic around the upload loop.
#include "check.h"
#include "fake_clock.h"
#include "porthole/backoff.h"
#include "porthole/debouncer.h"
#include "porthole/frame_age.h"
#include "porthole/waves.h"

TEST("backoff doubles its ceiling up to the cap, jitter staying in the upper half") {
  FakeRandom lowest;  // always 0: the fixed half
  porthole::Backoff low({500, 8000}, lowest);
  CHECK_EQ(low.nextDelayMs(), 250u);
  CHECK_EQ(low.nextDelayMs(), 500u);
  CHECK_EQ(low.nextDelayMs(), 1000u);
  CHECK_EQ(low.nextDelayMs(), 2000u);
  CHECK_EQ(low.nextDelayMs(), 4000u);
  CHECK_EQ(low.nextDelayMs(), 4000u);
  FakeRandom highest;
  highest.values = {0xffffffffu};
  porthole::Backoff high({500, 8000}, highest);
  uint32_t last = 0;
  for (int i = 0; i < 40; ++i) last = high.nextDelayMs();
  CHECK(last <= 8000u);
  CHECK(last >= 4000u);
}

TEST("backoff jitter spreads retries between half and the whole ceiling") {
  FakeRandom r;
  r.values = {0, 125, 250, 251};
  porthole::Backoff b({500, 30000}, r);
  CHECK_EQ(b.nextDelayMs(), 250u);  // ceiling 500: 250 + 0
  b.reset();
  CHECK_EQ(b.nextDelayMs(), 375u);  // 250 + 125 % 251
  b.reset();
  CHECK_EQ(b.nextDelayMs(), 500u);  // 250 + 250
  b.reset();
  CHECK_EQ(b.nextDelayMs(), 250u);  // 251 wraps to 0
}

TEST("backoff starts over after reset") {
  FakeRandom r;
  porthole::Backoff b({100, 10000}, r);
  for (int i = 0; i < 5; ++i) b.nextDelayMs();
  CHECK_EQ(b.failures(), 5u);
  b.reset();
  CHECK_EQ(b.nextDelayMs(), 50u);
}

TEST("debouncer ignores bounces shorter than the stable time") {
  porthole::Debouncer d(50, true, 0);
  CHECK(!d.update(false, 10));
  CHECK(!d.update(true, 20));
  CHECK(!d.update(false, 30));
  CHECK(!d.update(true, 40));
  CHECK(!d.update(true, 200));
  CHECK(d.level());
}

TEST("debouncer reports a held change exactly once") {
  porthole::Debouncer d(50, true, 0);
  CHECK(!d.update(false, 100));
  CHECK(!d.update(false, 149));
  CHECK(d.update(false, 150));
  CHECK(!d.level());
  CHECK(!d.update(false, 151));
  CHECK(!d.update(false, 5000));
  CHECK(!d.update(true, 5010));
  CHECK(d.update(true, 5060));
  CHECK(d.level());
}

TEST("debouncer works across the millisecond counter wrapping around") {
  porthole::Debouncer d(50, false, 0xffffffe0u);
  CHECK(!d.update(true, 0xfffffff0u));
  CHECK(!d.update(true, 0x00000010u));
  CHECK(d.update(true, 0x00000030u));
}

TEST("a frame becomes stale after its maximum age, also across wrap-around") {
  CHECK(!porthole::frameIsStale(1000, 7000, 6000));
  CHECK(porthole::frameIsStale(1000, 7001, 6000));
  CHECK(!porthole::frameIsStale(0xfffff000u, 0x00000100u, 6000));
  CHECK(porthole::frameIsStale(0xfffff000u, 0x00002000u, 6000));
  CHECK_EQ(porthole::defaultMaxFrameAgeMs(2000), 6000u);
  CHECK_EQ(porthole::defaultMaxFrameAgeMs(500), 5000u);
}

TEST("parses Porthole-Waves values and caps blinks") {
  uint32_t w = 99;
  CHECK(porthole::parseWavesHeader("0", 1, w));
  CHECK_EQ(w, 0u);
  CHECK(porthole::parseWavesHeader(" 7 ", 3, w));
  CHECK_EQ(w, 7u);
  CHECK(porthole::parseWavesHeader("99999999999999999999", 20, w));
  CHECK_EQ(w, 1000000u);
  w = 5;
  CHECK(!porthole::parseWavesHeader("", 0, w));
  CHECK(!porthole::parseWavesHeader("  ", 2, w));
  CHECK(!porthole::parseWavesHeader("-3", 2, w));
  CHECK(!porthole::parseWavesHeader("3.5", 3, w));
  CHECK(!porthole::parseWavesHeader("0x10", 4, w));
  CHECK_EQ(w, 5u);
  CHECK_EQ(porthole::blinkCount(0), 0u);
  CHECK_EQ(porthole::blinkCount(3), 3u);
  CHECK_EQ(porthole::blinkCount(10), 10u);
  CHECK_EQ(porthole::blinkCount(500), 10u);
  CHECK_EQ(porthole::blinkCount(500, 4), 4u);
}
