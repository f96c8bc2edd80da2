// Command-line options of porthole-upload, checked up front with messages that say what to type.
#pragma once

#include <cstdint>
#include <string>

struct CliOptions {
  std::string relay;
  std::string token;
  std::string dir;
  uint32_t intervalMs = 2000;
  uint32_t maxAgeMs = 0;  // 0: derived from the interval
  bool once = false;
  std::string control;  // "paused" | "live": send POST /control and exit
  bool help = false;
};

// Fills `out` from argv and the environment (PORTHOLE_TOKEN). Returns false with `error` set.
bool parseCliOptions(int argc, char** argv, CliOptions& out, std::string& error);

// Reads a duration as every Porthole setting does (@porthole/protocol's parseDuration): a number
// with a lower-case unit ms, s, m or h ("500ms", "2s", "1.5m", "1h"), or bare milliseconds
// ("750"). False for anything else, and for more than a day.
bool parseDuration(const std::string& text, uint32_t& ms);

extern const char* const kUsage;
