// Delivers one camera frame to the relay over tus, one bounded request per step():
//   1. POST creation-with-upload: the whole frame in one request (the common, fast case);
//   2. if that connection drops, the frame switches to resumable mode: POST creation (no body)
//      to learn the upload URL, PATCH the bytes, and after any further drop HEAD for the offset
//      the relay holds and PATCH the rest from there;
//   3. failures wait with exponential backoff and jitter; the frame is abandoned once it is older
//      than `maxFrameAgeMs`, and refused for good on 401/403, 413 and other client errors.
#pragma once

#include <cstddef>
#include <cstdint>

#include "backoff.h"
#include "clock.h"
#include "http_client.h"

namespace porthole {

struct UploaderConfig {
  const char* token = "";
  uint32_t maxFrameAgeMs = 6000;
  uint32_t maxRequestsPerFrame = 40;  // a hard stop even if a confused relay keeps answering
  BackoffConfig backoff;
};

enum class FrameOutcome : uint8_t {
  InProgress,
  Published,     // the relay holds every byte of the frame
  Abandoned,     // too old (or too many requests) before it could be delivered
  Rejected,      // the relay refused the frame itself (413, 4xx): sending it again will not help
  Unauthorized,  // 401/403: the token is wrong; retrying the same frame is pointless
};

enum class UploadPhase : uint8_t { CreateWithUpload, Create, Probe, Append };

struct StepResult {
  FrameOutcome outcome;
  uint32_t waitMs;  // for InProgress: how long to wait before calling step() again
};

const char* describe(FrameOutcome outcome);

class FrameUploader {
 public:
  FrameUploader(HttpClient& http, Clock& clock, Random& random, const UploaderConfig& config);

  // Starts a frame. The bytes must stay valid until the outcome is no longer InProgress.
  void begin(const uint8_t* jpeg, size_t len, uint32_t capturedAtMs, const char* filename = nullptr);
  // Makes at most one HTTP request.
  StepResult step();

  FrameOutcome outcome() const { return outcome_; }
  UploadPhase phase() const { return phase_; }
  uint64_t offset() const { return offset_; }
  uint32_t requests() const { return requests_; }
  uint32_t resumes() const { return resumes_; }
  // Sum of the Porthole-Waves values the relay sent while this frame was uploaded.
  uint32_t waves() const { return waves_; }
  // The last thing that went wrong, for one log line: a fixed text and the HTTP status (0 if none).
  const char* problem() const { return problem_; }
  uint16_t problemStatus() const { return problemStatus_; }
  const char* uploadPath() const { return uploadPath_; }

 private:
  StepResult create(bool withBody);
  StepResult probe();
  StepResult append();
  StepResult afterExchangeFailure(ExchangeStatus status, UploadPhase next);
  StepResult afterErrorStatus(const HttpResponse& r);
  StepResult afterOffset(uint64_t relayOffset, bool fromAppend);
  StepResult now();
  StepResult later(uint32_t retryAfterS = 0);
  StepResult finish(FrameOutcome outcome);
  void noteWaves(const HttpResponse& r);
  void forgetUpload();
  void note(const char* problem, uint16_t status = 0);

  HttpClient& http_;
  Clock& clock_;
  UploaderConfig config_;
  Backoff backoff_;
  const uint8_t* data_ = nullptr;
  size_t len_ = 0;
  uint32_t capturedAtMs_ = 0;
  const char* filename_ = nullptr;
  FrameOutcome outcome_ = FrameOutcome::Published;
  UploadPhase phase_ = UploadPhase::CreateWithUpload;
  uint64_t offset_ = 0;
  uint32_t requests_ = 0;
  uint32_t resumes_ = 0;
  uint32_t conflicts_ = 0;
  uint32_t waves_ = 0;
  const char* problem_ = nullptr;
  uint16_t problemStatus_ = 0;
  char uploadPath_[192] = {};
  char head_[640] = {};
};

}  // namespace porthole
