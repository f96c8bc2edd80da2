// Writes an HTTP/1.1 request head into a caller-owned buffer; the body is sent separately.
#pragma once

#include <cstddef>
#include <cstdint>

namespace porthole {

class RequestWriter {
 public:
  RequestWriter(char* buffer, size_t capacity);

  void start(const char* method, const char* path, const char* hostHeader);
  void header(const char* name, const char* value);
  void header(const char* name, uint64_t value);
  // Marks the request as unusable (e.g. a value the caller could not fit); finish() returns false.
  void fail() { ok_ = false; }
  // Appends the blank line. False if anything did not fit or a value held a CR/LF.
  bool finish();

  const char* data() const { return buffer_; }
  size_t size() const { return size_; }

 private:
  void append(const char* text);
  void appendNumber(uint64_t value);

  char* buffer_;
  size_t capacity_;
  size_t size_ = 0;
  bool ok_ = true;
};

// True when `value` can go into a header unchanged (no control characters, no line breaks).
bool isSafeHeaderValue(const char* value);

}  // namespace porthole
