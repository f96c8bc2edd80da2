// Incremental HTTP/1.1 response parser: fed whatever bytes arrive, in pieces of any size, it
// extracts what the tus client needs and skips the rest, in fixed memory, rejecting garbage.
#pragma once

#include <cstddef>
#include <cstdint>

namespace porthole {

struct HttpResponse {
  uint16_t status = 0;
  bool keepAlive = true;  // false: the connection must be closed after this response
  bool hasUploadOffset = false;
  uint64_t uploadOffset = 0;
  bool hasLocation = false;
  char location[192] = {};
  bool hasContentLength = false;
  uint64_t contentLength = 0;
  bool chunked = false;
  bool hasWaves = false;
  uint32_t waves = 0;
  uint32_t retryAfterS = 0;   // 0 when absent or given as a date
  uint32_t bodyBytes = 0;     // body bytes seen (after de-chunking)
  char bodySnippet[96] = {};  // start of the body, for the one-line reason in logs
};

enum class ParseState : uint8_t {
  StatusLine,
  Headers,
  SizedBody,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  BodyUntilClose,
  Done,
  Error,
};

class ResponseParser {
 public:
  static constexpr size_t kMaxLine = 512;
  static constexpr size_t kMaxHeaderBytes = 8192;
  static constexpr uint32_t kMaxBody = 65536;  // more than that is read no further; the connection closes

  // `headRequest`: the answer to HEAD carries no body whatever its headers say.
  void begin(bool headRequest);
  // Consumes bytes up to the end of the response; returns how many were used.
  size_t feed(const uint8_t* data, size_t len);
  // The peer closed the connection: completes a close-delimited body, fails anything else.
  void endOfStream();

  ParseState state() const { return state_; }
  bool done() const { return state_ == ParseState::Done; }
  bool failed() const { return state_ == ParseState::Error; }
  // True once any byte has been fed (a stale keep-alive connection fails before that).
  bool started() const { return started_; }
  const char* error() const { return error_; }
  const HttpResponse& response() const { return response_; }

 private:
  void fail(const char* why);
  bool pushLineByte(uint8_t c);  // true when a full line is in line_
  void onLine();
  void onStatusLine();
  void onHeaderLine();
  void onHeadersEnd();
  void onChunkSizeLine();
  void onBodyBytes(const uint8_t* data, size_t len);

  HttpResponse response_;
  ParseState state_ = ParseState::StatusLine;
  const char* error_ = nullptr;
  bool head_ = false;
  bool started_ = false;
  bool http10_ = false;
  char line_[kMaxLine] = {};
  size_t lineLen_ = 0;
  bool lineOverflow_ = false;
  size_t headerBytes_ = 0;
  uint64_t remaining_ = 0;
};

}  // namespace porthole
