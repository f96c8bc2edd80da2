#include "cli_options.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

const char* const kUsage =
    "usage: porthole-upload --relay http://127.0.0.1:8787/ (--token T | --token-file F | env PORTHOLE_TOKEN)\n"
    "                       --dir DIR [--interval 2s] [--max-age 6s] [--once]\n"
    "       porthole-upload --relay URL --token T --control paused|live\n"
    "Uploads the JPEG files of DIR (sorted by name) to a Porthole relay over tus, one per interval;\n"
    "without --once it cycles through the folder until stopped. Prints one line per frame, and\n"
    "'waves N' / 'blink N' when visitors waved.\n";

bool parseDuration(const std::string& text, uint32_t& ms) {
  const auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
  size_t i = 0;
  size_t end = text.size();
  while (i < end && isSpace(text[i])) ++i;
  while (end > i && isSpace(text[end - 1])) --end;
  const size_t numberStart = i;
  while (i < end && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (i == numberStart) return false;
  if (i < end && text[i] == '.') {
    const size_t fractionStart = ++i;
    while (i < end && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == fractionStart) return false;
  }
  const std::string number = text.substr(numberStart, i - numberStart);
  while (i < end && isSpace(text[i])) ++i;
  const std::string unit = text.substr(i, end - i);
  double scale = 0;
  if (unit.empty() || unit == "ms") {
    scale = 1;
  } else if (unit == "s") {
    scale = 1000;
  } else if (unit == "m") {
    scale = 60000;
  } else if (unit == "h") {
    scale = 3600000;
  } else {
    return false;
  }
  const double value = std::strtod(number.c_str(), nullptr) * scale;
  if (value > 86400000.0) return false;
  ms = static_cast<uint32_t>(value + 0.5);
  return true;
}

namespace {

bool readTokenFile(const std::string& path, std::string& token) {
  std::ifstream in(path);
  if (!in) return false;
  std::stringstream text;
  text << in.rdbuf();
  token = text.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' '))
    token.pop_back();
  return true;
}

}  // namespace

bool parseCliOptions(int argc, char** argv, CliOptions& out, std::string& error) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= argc) {
        error = "Expected a value after " + arg;
        return false;
      }
      into = argv[++i];
      return true;
    };
    std::string text;
    if (arg == "--help" || arg == "-h") {
      out.help = true;
    } else if (arg == "--once") {
      out.once = true;
    } else if (arg == "--relay") {
      if (!value(out.relay)) return false;
    } else if (arg == "--token") {
      if (!value(out.token)) return false;
    } else if (arg == "--token-file") {
      if (!value(text)) return false;
      if (!readTokenFile(text, out.token))
        return error = "Expected a readable file for --token-file but received " + text, false;
    } else if (arg == "--dir") {
      if (!value(out.dir)) return false;
    } else if (arg == "--interval" || arg == "--max-age") {
      if (!value(text)) return false;
      uint32_t ms = 0;
      if (!parseDuration(text, ms)) {
        return error = "Expected a duration like 2s or 500ms for " + arg + " but received " + text, false;
      }
      (arg == "--interval" ? out.intervalMs : out.maxAgeMs) = ms;
    } else if (arg == "--control") {
      if (!value(out.control)) return false;
      if (out.control != "paused" && out.control != "live") {
        return error = "Expected paused or live for --control but received " + out.control, false;
      }
    } else {
      return error = "Unknown option " + arg + " (see --help)", false;
    }
  }
  if (out.help) return true;
  if (out.token.empty()) {
    const char* env = std::getenv("PORTHOLE_TOKEN");
    if (env != nullptr) out.token = env;
  }
  if (out.relay.empty()) return error = "Expected --relay http://host:port/", false;
  if (out.token.empty()) return error = "Expected --token, --token-file or PORTHOLE_TOKEN", false;
  if (out.control.empty() && out.dir.empty())
    return error = "Expected --dir with JPEG files (or --control)", false;
  return true;
}
