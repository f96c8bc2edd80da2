#include "http_request.h"

#include <cstring>

namespace porthole {

RequestWriter::RequestWriter(char* buffer, size_t capacity) : buffer_(buffer), capacity_(capacity) {
  if (capacity_ > 0) buffer_[0] = '\0';
}

void RequestWriter::append(const char* text) {
  const size_t len = std::strlen(text);
  if (!ok_ || size_ + len + 1 > capacity_) {
    ok_ = false;
    return;
  }
  std::memcpy(buffer_ + size_, text, len + 1);
  size_ += len;
}

void RequestWriter::appendNumber(uint64_t value) {
  char digits[21];
  size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  char text[21];
  for (size_t i = 0; i < n; ++i) text[i] = digits[n - 1 - i];
  text[n] = '\0';
  append(text);
}

void RequestWriter::start(const char* method, const char* path, const char* hostHeader) {
  size_ = 0;
  ok_ = capacity_ > 0;
  if (ok_) buffer_[0] = '\0';
  if (!isSafeHeaderValue(path) || std::strchr(path, ' ') != nullptr) ok_ = false;
  append(method);
  append(" ");
  append(path);
  append(" HTTP/1.1\r\n");
  header("Host", hostHeader);
}

void RequestWriter::header(const char* name, const char* value) {
  if (!isSafeHeaderValue(value)) ok_ = false;
  append(name);
  append(": ");
  append(value);
  append("\r\n");
}

void RequestWriter::header(const char* name, uint64_t value) {
  append(name);
  append(": ");
  appendNumber(value);
  append("\r\n");
}

bool RequestWriter::finish() {
  append("\r\n");
  return ok_;
}

bool isSafeHeaderValue(const char* value) {
  for (const char* p = value; *p != '\0'; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

}  // namespace porthole
