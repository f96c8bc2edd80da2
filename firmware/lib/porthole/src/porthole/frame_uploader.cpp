#include "frame_uploader.h"

#include "frame_age.h"
#include "http_request.h"
#include "relay_url.h"
#include "tus_requests.h"

namespace porthole {

const char* describe(FrameOutcome outcome) {
  switch (outcome) {
    case FrameOutcome::InProgress:
      return "in progress";
    case FrameOutcome::Published:
      return "published";
    case FrameOutcome::Abandoned:
      return "abandoned";
    case FrameOutcome::Rejected:
      return "rejected";
    case FrameOutcome::Unauthorized:
      return "unauthorized";
  }
  return "?";
}

FrameUploader::FrameUploader(HttpClient& http, Clock& clock, Random& random, const UploaderConfig& config)
    : http_(http), clock_(clock), config_(config), backoff_(config.backoff, random) {}

void FrameUploader::begin(const uint8_t* jpeg, size_t len, uint32_t capturedAtMs, const char* filename) {
  data_ = jpeg;
  len_ = len;
  capturedAtMs_ = capturedAtMs;
  filename_ = filename;
  outcome_ = FrameOutcome::InProgress;
  phase_ = UploadPhase::CreateWithUpload;
  offset_ = 0;
  requests_ = 0;
  resumes_ = 0;
  conflicts_ = 0;
  waves_ = 0;
  problem_ = nullptr;
  problemStatus_ = 0;
  uploadPath_[0] = '\0';
  backoff_.reset();
}

StepResult FrameUploader::step() {
  if (outcome_ != FrameOutcome::InProgress) return {outcome_, 0};
  if (frameIsStale(capturedAtMs_, clock_.nowMs(), config_.maxFrameAgeMs)) {
    note("frame too old");
    return finish(FrameOutcome::Abandoned);
  }
  if (requests_ >= config_.maxRequestsPerFrame) {
    note("too many requests for one frame");
    return finish(FrameOutcome::Abandoned);
  }
  ++requests_;
  switch (phase_) {
    case UploadPhase::CreateWithUpload:
      return create(true);
    case UploadPhase::Create:
      return create(false);
    case UploadPhase::Probe:
      return probe();
    case UploadPhase::Append:
      return append();
  }
  return finish(FrameOutcome::Abandoned);
}

StepResult FrameUploader::create(bool withBody) {
  RequestWriter w(head_, sizeof head_);
  const TusAuth auth{http_.relay(), config_.token};
  if (!writeCreateRequest(w, auth, len_, withBody ? len_ : 0, filename_)) {
    note("request head does not fit (token or path too long?)");
    return finish(FrameOutcome::Rejected);
  }
  const ExchangeStatus status = http_.exchange(w.data(), w.size(), data_, withBody ? len_ : 0, false);
  // Without a response there is no upload URL to resume: create again, this time resumably.
  if (status != ExchangeStatus::Ok) return afterExchangeFailure(status, UploadPhase::Create);
  const HttpResponse& r = http_.response();
  noteWaves(r);
  if (r.status != 201) return afterErrorStatus(r);
  if (!r.hasLocation || !uploadPathFromLocation(r.location, uploadPath_, sizeof uploadPath_)) {
    uploadPath_[0] = '\0';
    note("201 without a usable Location", r.status);
    phase_ = UploadPhase::Create;
    return later();
  }
  if (!withBody) {
    offset_ = 0;
    phase_ = UploadPhase::Append;
    backoff_.reset();
    return now();
  }
  if (!r.hasUploadOffset) {
    phase_ = UploadPhase::Probe;
    return now();
  }
  return afterOffset(r.uploadOffset, true);
}

StepResult FrameUploader::probe() {
  RequestWriter w(head_, sizeof head_);
  const TusAuth auth{http_.relay(), config_.token};
  if (!writeOffsetRequest(w, auth, uploadPath_)) {
    forgetUpload();
    return later();
  }
  const ExchangeStatus status = http_.exchange(w.data(), w.size(), nullptr, 0, true);
  if (status != ExchangeStatus::Ok) return afterExchangeFailure(status, UploadPhase::Probe);
  const HttpResponse& r = http_.response();
  noteWaves(r);
  if (r.status != 200 && r.status != 204) return afterErrorStatus(r);
  if (!r.hasUploadOffset) {
    note("HEAD answer without Upload-Offset", r.status);
    return later();
  }
  if (r.uploadOffset < len_) ++resumes_;
  return afterOffset(r.uploadOffset, false);
}

StepResult FrameUploader::append() {
  RequestWriter w(head_, sizeof head_);
  const TusAuth auth{http_.relay(), config_.token};
  if (!writeAppendRequest(w, auth, uploadPath_, offset_, len_ - offset_)) {
    forgetUpload();
    return later();
  }
  const ExchangeStatus status =
      http_.exchange(w.data(), w.size(), data_ + offset_, static_cast<size_t>(len_ - offset_), false);
  if (status != ExchangeStatus::Ok) return afterExchangeFailure(status, UploadPhase::Probe);
  const HttpResponse& r = http_.response();
  noteWaves(r);
  if (r.status != 204 && r.status != 200) return afterErrorStatus(r);
  if (!r.hasUploadOffset) {
    note("PATCH answer without Upload-Offset", r.status);
    phase_ = UploadPhase::Probe;
    return later();
  }
  return afterOffset(r.uploadOffset, true);
}

// The relay told us how many bytes it holds: done, go on from there, or ask again.
StepResult FrameUploader::afterOffset(uint64_t relayOffset, bool fromWrite) {
  if (relayOffset > len_) {
    note("relay reports more bytes than the frame has");
    forgetUpload();
    return later();
  }
  if (relayOffset == len_) {
    offset_ = relayOffset;
    return finish(FrameOutcome::Published);
  }
  if (fromWrite && relayOffset <= offset_ && phase_ == UploadPhase::Append) {
    // A PATCH that moved nothing: ask where the relay stands before sending again.
    note("PATCH made no progress");
    phase_ = UploadPhase::Probe;
    return later();
  }
  offset_ = relayOffset;
  phase_ = UploadPhase::Append;
  backoff_.reset();
  return now();
}

StepResult FrameUploader::afterExchangeFailure(ExchangeStatus status, UploadPhase next) {
  note(http_.lastError() != nullptr ? http_.lastError() : describe(status));
  phase_ = (next == UploadPhase::Probe && uploadPath_[0] == '\0') ? UploadPhase::Create : next;
  return later();
}

StepResult FrameUploader::afterErrorStatus(const HttpResponse& r) {
  const uint16_t s = r.status;
  switch (s) {
    case 401:
    case 403:
      note("token refused", s);
      return finish(FrameOutcome::Unauthorized);
    case 413:
      note("frame larger than the relay accepts", s);
      return finish(FrameOutcome::Rejected);
    case 404:
    case 410:
      if (phase_ == UploadPhase::CreateWithUpload || phase_ == UploadPhase::Create) {
        note("no tus endpoint at the relay URL", s);
        return finish(FrameOutcome::Rejected);
      }
      // The upload expired or was never stored: start a fresh one.
      note("upload no longer exists", s);
      forgetUpload();
      return conflicts_++ == 0 ? now() : later();
    case 409:
      // Our offset and the relay's disagree (e.g. a PATCH half-arrived): ask, then continue.
      note("offset conflict", s);
      phase_ = uploadPath_[0] == '\0' ? UploadPhase::Create : UploadPhase::Probe;
      return conflicts_++ == 0 ? now() : later();
    case 460:
      note("checksum mismatch", s);
      phase_ = uploadPath_[0] == '\0' ? UploadPhase::Create : UploadPhase::Probe;
      return later();
    case 408:
    case 423:
    case 429:
      note("relay busy", s);
      return later(r.retryAfterS);
    default:
      break;
  }
  if (s >= 500 || s < 400) {
    note(s >= 500 ? "relay error" : "unexpected status", s);
    if (phase_ == UploadPhase::CreateWithUpload) phase_ = UploadPhase::Create;
    return later(r.retryAfterS);
  }
  note("relay refused the frame", s);
  return finish(FrameOutcome::Rejected);
}

void FrameUploader::forgetUpload() {
  uploadPath_[0] = '\0';
  offset_ = 0;
  phase_ = UploadPhase::Create;
}

void FrameUploader::noteWaves(const HttpResponse& r) {
  if (!r.hasWaves) return;
  const uint32_t sum = waves_ + r.waves;
  waves_ = sum < waves_ ? UINT32_MAX : sum;
}

void FrameUploader::note(const char* problem, uint16_t status) {
  problem_ = problem;
  problemStatus_ = status;
}

StepResult FrameUploader::now() { return {FrameOutcome::InProgress, 0}; }

StepResult FrameUploader::later(uint32_t retryAfterS) {
  uint32_t wait = backoff_.nextDelayMs();
  const uint64_t asked = static_cast<uint64_t>(retryAfterS) * 1000;
  if (asked > wait)
    wait = asked > config_.backoff.capMs ? config_.backoff.capMs : static_cast<uint32_t>(asked);
  return {FrameOutcome::InProgress, wait};
}

StepResult FrameUploader::finish(FrameOutcome outcome) {
  outcome_ = outcome;
  return {outcome, 0};
}

}  // namespace porthole
