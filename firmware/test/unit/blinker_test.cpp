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
  b.blink(2, 0, 10);
  CHECK(b.level(Blinker::kOnMs + Blinker::kOffMs + 10));  // second blink lit
  b.blink(2, Blinker::kOnMs + Blinker::kOffMs + 10, 10);
  CHECK(b.level(Blinker::kOnMs + Blinker::kOffMs + 20));
  CHECK_EQ(flashes(b, Blinker::kOnMs + Blinker::kOffMs + 10, 20000), 3);  // the lit one and two more
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
  CHECK(b.level(20010));
}
