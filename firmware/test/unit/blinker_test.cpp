#include "check.h"
#include "porthole/blinker.h"

using porthole::Blinker;
using porthole::LedPattern;

namespace {
// How many separate times the LED lights up between `from` and `to`.
int flashes(const Blinker& b, uint32_t from, uint32_t to) {
  int count = 0;
  bool was = false;
  for (uint32_t t = from; t < to; t += 10) {
    const bool lit = b.level(t);
    if (lit && !was) ++count;
    was = lit;
  }
  return count;
}
}  // namespace

TEST("blinks the LED once per wave, then goes dark") {
  Blinker b;
  b.blink(3, 1000, 10);
  CHECK_EQ(flashes(b, 1000, 10000), 3);
  CHECK(!b.level(10000));
  CHECK(!b.bursting(10000));
}

TEST("caps the number of blinks") {
  Blinker b;
  b.blink(500, 0, 10);
  CHECK_EQ(flashes(b, 0, 60000), 10);
}

TEST("adds new waves behind a burst in progress without cutting the current blink") {
  Blinker b;
  const uint32_t period = Blinker::kOnMs + Blinker::kOffMs;
  b.blink(2, 0, 10);
  const uint32_t secondFlash = period + Blinker::kOffMs + 10;
  CHECK(b.level(secondFlash));
  b.blink(2, secondFlash, 10);
  CHECK(b.level(secondFlash + 10));
  CHECK_EQ(flashes(b, secondFlash, 20000), 3);  // the lit one and two more
}

TEST("starts each burst dark, so blinks stay countable after the LED was lit") {
  Blinker b;
  b.setPattern(LedPattern::Connecting);
  CHECK(b.level(500));
  b.setPattern(LedPattern::Off);
  b.blink(2, 500, 10);
  CHECK(!b.level(510));
  bool was = true;  // lit just before the burst
  int rises = 0;
  for (uint32_t t = 500; t < 3000; t += 10) {
    const bool lit = b.level(t);
    if (lit && !was) ++rises;
    was = lit;
  }
  CHECK_EQ(rises, 2);
}

TEST("does nothing for zero waves") {
  Blinker b;
  b.blink(0, 0, 10);
  CHECK(!b.bursting(0));
  CHECK_EQ(flashes(b, 0, 5000), 0);
}

TEST("shows the background pattern when no burst runs, the burst when one does") {
  Blinker b;
  b.setPattern(LedPattern::Connecting);
  CHECK_EQ(flashes(b, 0, 10000), 5);
  b.setPattern(LedPattern::Fault);
  CHECK_EQ(flashes(b, 0, 3000), 4);
  b.setPattern(LedPattern::Off);
  CHECK_EQ(flashes(b, 0, 10000), 0);
  b.blink(1, 20000, 10);
  CHECK(!b.level(20010));
  CHECK(b.level(20000 + Blinker::kOffMs + 10));
}
