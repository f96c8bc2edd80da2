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
  std::string control;    // "paused" | "live": send POST /control and exit
  bool help = false;
};

// Fills `out` from argv and the environment (PORTHOLE_TOKEN). Returns false with `error` set.
bool parseCliOptions(int argc, char** argv, CliOptions& out, std::string& error);

// "2s", "500ms", "1.5s", "3" (seconds). False for anything else.
bool parseDuration(const std::string& text, uint32_t& ms);

extern const char* const kUsage;
