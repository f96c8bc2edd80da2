#include "check.h"
#include "cli_options.h"

#include <cstdint>

namespace {

// The parsed value, or UINT32_MAX when the text is refused.
uint32_t duration(const char* text) {
  uint32_t ms = 0;
  return parseDuration(text, ms) ? ms : UINT32_MAX;
}

}  // namespace

TEST("reads durations with ms, s, m and h the way @porthole/protocol does") {
  CHECK_EQ(duration("500ms"), 500u);
  CHECK_EQ(duration("2s"), 2000u);
  CHECK_EQ(duration("1.5s"), 1500u);
  CHECK_EQ(duration("1.5m"), 90000u);
  CHECK_EQ(duration("1h"), 3600000u);
  CHECK_EQ(duration(" 10 s "), 10000u);
  CHECK_EQ(duration("1.5ms"), 2u);
}

TEST("reads a bare number as milliseconds, like the software camera") {
  CHECK_EQ(duration("750"), 750u);
  CHECK_EQ(duration("2000"), 2000u);
  CHECK_EQ(duration("0"), 0u);
}

TEST("refuses upper-case units, words, signs, unknown units and more than a day") {
  for (const char* text :
       {"2S", "1M", "", " ", "fast", "2 seconds", "-1s", "+1s", "1d", "1e3", ".5s", "1.s", "s", "25h"}) {
    CHECK_EQ(duration(text), UINT32_MAX);
  }
}
