// Wires a FrameUploader to a fake transport and runs frames to an outcome on fake time.
#pragma once

#include <string>

#include "fake_clock.h"
#include "porthole/frame_uploader.h"
#include "porthole/http_client.h"
#include "porthole/relay_url.h"

inline porthole::RelayEndpoint testRelay() {
  porthole::RelayEndpoint relay;
  porthole::parseRelayUrl("http://relay.test:8787/", relay, nullptr);
  return relay;
}

inline porthole::UploaderConfig testConfig() {
  porthole::UploaderConfig config;
  config.token = "secret";
  config.maxFrameAgeMs = 60000;
  config.backoff = {500, 8000};
  return config;
}

// A frame of `size` bytes whose content shows where each byte belongs.
inline std::string testFrame(size_t size) {
  std::string frame(size, '\0');
  frame[0] = static_cast<char>(0xff);
  if (size > 1) frame[1] = static_cast<char>(0xd8);
  for (size_t i = 2; i < size; ++i) frame[i] = static_cast<char>('a' + (i * 7) % 26);
  return frame;
}

template <typename TransportT>
struct UploadRig {
  FakeClock clock;
  FakeRandom random;
  TransportT transport{clock};
  porthole::RelayEndpoint relay = testRelay();
  porthole::Timeouts timeouts{2000, 1000, 5000};
  porthole::HttpClient http{transport, clock, relay, timeouts};
  porthole::UploaderConfig config = testConfig();
  porthole::FrameUploader uploader{http, clock, random, config};
  std::string frame = testFrame(100);
  uint32_t waited = 0;  // total backoff the uploader asked for
  uint32_t steps = 0;

  porthole::FrameOutcome upload(uint32_t maxSteps = 200) {
    uploader.begin(reinterpret_cast<const uint8_t*>(frame.data()), frame.size(), clock.now);
    return finish(maxSteps);
  }

  porthole::FrameOutcome finish(uint32_t maxSteps = 200) {
    for (steps = 0; steps < maxSteps; ++steps) {
      const porthole::StepResult r = uploader.step();
      if (r.outcome != porthole::FrameOutcome::InProgress) return r.outcome;
      waited += r.waitMs;
      clock.advance(r.waitMs);
    }
    return porthole::FrameOutcome::InProgress;
  }
};
