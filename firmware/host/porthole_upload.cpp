// porthole-upload: the firmware's uploader on a host. Same portable core as the board, over
// POSIX sockets, with a folder of JPEG files standing in for the camera.
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "cli_options.h"
#include "frame_folder.h"
#include "host_clock.h"
#include "porthole.h"
#include "posix_transport.h"

namespace {

volatile std::sig_atomic_t stopRequested = 0;
void onStopSignal(int) { stopRequested = 1; }

// Sleeps in short slices so a stop signal is honoured promptly.
void pause(uint32_t ms) {
  while (ms > 0 && !stopRequested) {
    const uint32_t slice = ms < 100 ? ms : 100;
    sleepMs(slice);
    ms -= slice;
  }
}

std::string baseName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

porthole::FrameOutcome uploadFile(porthole::FrameUploader& uploader, porthole::Clock& clock,
                                  const std::string& path) {
  const std::string name = baseName(path);
  std::vector<unsigned char> bytes;
  if (!readFrame(path, bytes) || bytes.empty()) {
    std::printf("skipped %s: cannot read it\n", name.c_str());
    return porthole::FrameOutcome::Rejected;
  }
  uploader.begin(bytes.data(), bytes.size(), clock.nowMs(), name.c_str());
  uint32_t resumes = 0;
  for (;;) {
    const porthole::StepResult r = uploader.step();
    if (uploader.resumes() != resumes) {
      resumes = uploader.resumes();
      std::printf("resume %s at offset %llu\n", name.c_str(),
                  static_cast<unsigned long long>(uploader.offset()));
    }
    if (r.outcome != porthole::FrameOutcome::InProgress) break;
    if (r.waitMs > 0) {
      std::printf("retry %s in %ums: %s", name.c_str(), r.waitMs, uploader.problem());
      if (uploader.problemStatus() != 0) std::printf(" (HTTP %u)", uploader.problemStatus());
      std::printf("\n");
      pause(r.waitMs);
      if (stopRequested) return porthole::FrameOutcome::Abandoned;
    }
  }
  const porthole::FrameOutcome outcome = uploader.outcome();
  if (outcome == porthole::FrameOutcome::Published) {
    std::printf("published %s bytes=%zu requests=%u resumes=%u waves=%u\n", name.c_str(), bytes.size(),
                uploader.requests(), uploader.resumes(), uploader.waves());
    if (uploader.waves() > 0) {
      std::printf("waves %u\n", uploader.waves());
      std::printf("blink %u\n", porthole::blinkCount(uploader.waves()));
    }
  } else {
    std::printf("%s %s: %s", porthole::describe(outcome), name.c_str(),
                uploader.problem() != nullptr ? uploader.problem() : "?");
    if (uploader.problemStatus() != 0) std::printf(" (HTTP %u)", uploader.problemStatus());
    std::printf("\n");
  }
  return outcome;
}

int sendControl(porthole::HttpClient& http, const CliOptions& options) {
  uint16_t status = 0;
  const porthole::ControlResult result =
      porthole::postControl(http, options.token.c_str(), options.control == "paused", &status);
  std::printf("control %s: %s", options.control.c_str(), porthole::describe(result));
  if (status != 0) std::printf(" (HTTP %u)", status);
  std::printf("\n");
  return result == porthole::ControlResult::Accepted ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  CliOptions options;
  std::string error;
  if (!parseCliOptions(argc, argv, options, error)) {
    std::fprintf(stderr, "porthole-upload: %s\n", error.c_str());
    return 2;
  }
  if (options.help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  porthole::RelayEndpoint relay;
  const char* why = nullptr;
  if (!porthole::parseRelayUrl(options.relay.c_str(), relay, &why)) {
    std::fprintf(stderr, "porthole-upload: %s (got %s)\n", why, options.relay.c_str());
    return 2;
  }
  if (relay.tls) {
    std::fprintf(stderr, "porthole-upload: the host build speaks plain HTTP; use an http:// relay URL\n");
    return 2;
  }
  if (!porthole::isSafeHeaderValue(options.token.c_str())) {
    std::fprintf(stderr, "porthole-upload: the token must not contain control characters\n");
    return 2;
  }
  std::signal(SIGINT, onStopSignal);
  std::signal(SIGTERM, onStopSignal);

  PosixTransport transport;
  SteadyClock clock;
  OsRandom random;
  porthole::HttpClient http(transport, clock, relay, porthole::Timeouts{});
  if (!options.control.empty()) return sendControl(http, options);

  porthole::UploaderConfig config;
  config.token = options.token.c_str();
  config.maxFrameAgeMs =
      options.maxAgeMs != 0 ? options.maxAgeMs : porthole::defaultMaxFrameAgeMs(options.intervalMs);
  porthole::FrameUploader uploader(http, clock, random, config);

  unsigned published = 0;
  unsigned failed = 0;
  while (!stopRequested) {
    const std::vector<std::string> frames = listFrames(options.dir);
    if (frames.empty()) {
      std::fprintf(stderr, "porthole-upload: no .jpg files in %s\n", options.dir.c_str());
      if (options.once) return 2;
      pause(options.intervalMs);
      continue;
    }
    for (size_t i = 0; i < frames.size() && !stopRequested; ++i) {
      const uint32_t started = clock.nowMs();
      const porthole::FrameOutcome outcome = uploadFile(uploader, clock, frames[i]);
      if (outcome == porthole::FrameOutcome::Published) {
        ++published;
      } else {
        ++failed;
      }
      if (outcome == porthole::FrameOutcome::Unauthorized) {
        if (options.once) return 3;
        pause(30000);  // a wrong token will not fix itself quickly; do not hammer the relay
      }
      const bool last = options.once && i + 1 == frames.size();
      const uint32_t spent = porthole::elapsedMs(started, clock.nowMs());
      if (!last && spent < options.intervalMs) pause(options.intervalMs - spent);
    }
    if (options.once) break;
  }
  std::printf("done published=%u failed=%u\n", published, failed);
  return failed == 0 ? 0 : 1;
}
