#include "http_response.h"

#include <cstring>

#include "protocol.h"
#include "waves.h"

namespace porthole {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equalsIgnoreCase(const char* a, size_t aLen, const char* b) {
  const size_t bLen = std::strlen(b);
  if (aLen != bLen) return false;
  for (size_t i = 0; i < aLen; ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool containsTokenIgnoreCase(const char* value, size_t len, const char* token) {
  const size_t tokenLen = std::strlen(token);
  for (size_t i = 0; i + tokenLen <= len; ++i) {
    if (equalsIgnoreCase(value + i, tokenLen, token)) return true;
  }
  return false;
}

// Strict decimal: digits only, at most 15 of them (no overflow, no sign, no spaces inside).
bool parseDecimal(const char* value, size_t len, uint64_t& out) {
  if (len == 0 || len > 15) return false;
  uint64_t n = 0;
  for (size_t i = 0; i < len; ++i) {
    if (value[i] < '0' || value[i] > '9') return false;
    n = n * 10 + static_cast<uint64_t>(value[i] - '0');
  }
  out = n;
  return true;
}

bool isTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::strchr("!#$%&'*+-.^_`|~", c);
}

}  // namespace

void ResponseParser::begin(bool headRequest) {
  response_ = HttpResponse{};
  state_ = ParseState::StatusLine;
  error_ = nullptr;
  head_ = headRequest;
  started_ = false;
  http10_ = false;
  lineLen_ = 0;
  lineOverflow_ = false;
  headerBytes_ = 0;
  remaining_ = 0;
}

void ResponseParser::fail(const char* why) {
  state_ = ParseState::Error;
  error_ = why;
  response_.keepAlive = false;
}

bool ResponseParser::pushLineByte(uint8_t c) {
  if (state_ != ParseState::ChunkData && ++headerBytes_ > kMaxHeaderBytes) {
    fail("response head too large");
    return false;
  }
  if (c == '\n') {
    if (lineLen_ > 0 && line_[lineLen_ - 1] == '\r') --lineLen_;
    line_[lineLen_ < kMaxLine ? lineLen_ : kMaxLine - 1] = '\0';
    return true;
  }
  // A lone CR, NUL or other control byte in a head line means we are not talking to HTTP.
  if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f || (lineLen_ > 0 && line_[lineLen_ - 1] == '\r')) {
    fail("control byte in response head");
    return false;
  }
  if (lineLen_ < kMaxLine - 1) {
    line_[lineLen_++] = static_cast<char>(c);
  } else {
    lineOverflow_ = true;
    if (state_ == ParseState::StatusLine) fail("status line too long");
  }
  return false;
}

size_t ResponseParser::feed(const uint8_t* data, size_t len) {
  size_t used = 0;
  if (len > 0) started_ = true;
  while (used < len && state_ != ParseState::Done && state_ != ParseState::Error) {
    switch (state_) {
      case ParseState::SizedBody:
      case ParseState::ChunkData: {
        const size_t take = static_cast<size_t>(remaining_ < len - used ? remaining_ : len - used);
        onBodyBytes(data + used, take);
        used += take;
        remaining_ -= take;
        if (state_ == ParseState::Done) break;  // body cap reached
        if (remaining_ == 0)
          state_ = state_ == ParseState::SizedBody ? ParseState::Done : ParseState::ChunkDataEnd;
        break;
      }
      case ParseState::BodyUntilClose:
        onBodyBytes(data + used, len - used);
        used = len;
        break;
      default:
        if (pushLineByte(data[used++])) {
          onLine();
          lineLen_ = 0;
          lineOverflow_ = false;
        }
        break;
    }
  }
  return used;
}

void ResponseParser::endOfStream() {
  if (state_ == ParseState::BodyUntilClose) {
    state_ = ParseState::Done;
  } else if (state_ != ParseState::Done && state_ != ParseState::Error) {
    fail(started_ ? "connection closed mid-response" : "connection closed before a response");
  }
}

void ResponseParser::onLine() {
  switch (state_) {
    case ParseState::StatusLine:
      onStatusLine();
      break;
    case ParseState::Headers:
      if (lineLen_ == 0 && !lineOverflow_) {
        onHeadersEnd();
      } else {
        onHeaderLine();
      }
      break;
    case ParseState::ChunkSize:
      onChunkSizeLine();
      break;
    case ParseState::ChunkDataEnd:
      if (lineLen_ != 0) {
        fail("chunk not followed by CRLF");
      } else {
        state_ = ParseState::ChunkSize;
      }
      break;
    case ParseState::Trailers:
      if (lineLen_ == 0) state_ = ParseState::Done;
      break;
    default:
      break;
  }
}

void ResponseParser::onStatusLine() {
  // "HTTP/1.x SP 3DIGIT [SP reason]"
  const char* l = line_;
  if (lineLen_ < 12 || std::strncmp(l, "HTTP/1.", 7) != 0 || (l[7] != '0' && l[7] != '1') || l[8] != ' ') {
    return fail("not an HTTP/1.x status line");
  }
  for (int i = 9; i < 12; ++i) {
    if (l[i] < '0' || l[i] > '9') return fail("status code is not three digits");
  }
  if (lineLen_ > 12 && l[12] != ' ') return fail("status code is not three digits");
  response_.status = static_cast<uint16_t>((l[9] - '0') * 100 + (l[10] - '0') * 10 + (l[11] - '0'));
  if (response_.status < 100) return fail("status code below 100");
  http10_ = l[7] == '0';
  response_.keepAlive = !http10_;
  state_ = ParseState::Headers;
}

void ResponseParser::onHeaderLine() {
  if (line_[0] == ' ' || line_[0] == '\t') return fail("folded header line");
  const char* colon = static_cast<const char*>(std::memchr(line_, ':', lineLen_));
  if (colon == nullptr || colon == line_) return fail("header line without a name");
  const size_t nameLen = static_cast<size_t>(colon - line_);
  for (size_t i = 0; i < nameLen; ++i) {
    if (!isTokenChar(line_[i])) return fail("bad character in header name");
  }
  const char* value = colon + 1;
  const char* end = line_ + lineLen_;
  while (value < end && (*value == ' ' || *value == '\t')) ++value;
  while (end > value && (end[-1] == ' ' || end[-1] == '\t')) --end;
  const size_t valueLen = static_cast<size_t>(end - value);
  auto is = [&](const char* name) { return equalsIgnoreCase(line_, nameLen, name); };

  if (is("content-length")) {
    uint64_t n = 0;
    if (lineOverflow_ || !parseDecimal(value, valueLen, n)) return fail("bad Content-Length");
    if (response_.hasContentLength && n != response_.contentLength) return fail("conflicting Content-Length");
    response_.hasContentLength = true;
    response_.contentLength = n;
  } else if (is("transfer-encoding")) {
    // Only "chunked" (last) is understood; anything else means we cannot find the body's end.
    const bool endsChunked = valueLen >= 7 && equalsIgnoreCase(end - 7, 7, "chunked");
    if (lineOverflow_ || !endsChunked || containsTokenIgnoreCase(value, valueLen, "gzip") ||
        containsTokenIgnoreCase(value, valueLen, "deflate") ||
        containsTokenIgnoreCase(value, valueLen, "compress")) {
      return fail("unsupported Transfer-Encoding");
    }
    response_.chunked = true;
  } else if (is("upload-offset")) {
    uint64_t n = 0;
    if (lineOverflow_ || !parseDecimal(value, valueLen, n)) return fail("bad Upload-Offset");
    response_.hasUploadOffset = true;
    response_.uploadOffset = n;
  } else if (is("location")) {
    if (lineOverflow_ || valueLen + 1 > sizeof response_.location) {
      response_.hasLocation = false;  // too long to use; the tus client treats it as missing
    } else {
      std::memcpy(response_.location, value, valueLen);
      response_.location[valueLen] = '\0';
      response_.hasLocation = valueLen > 0;
    }
  } else if (is(kWavesHeader)) {
    uint32_t waves = 0;
    if (!lineOverflow_ && parseWavesHeader(value, valueLen, waves)) {
      response_.hasWaves = true;
      response_.waves = waves;
    }
  } else if (is("retry-after")) {
    uint64_t seconds = 0;
    if (!lineOverflow_ && parseDecimal(value, valueLen, seconds)) {
      response_.retryAfterS = seconds > 3600 ? 3600 : static_cast<uint32_t>(seconds);
    }
  } else if (is("connection")) {
    if (containsTokenIgnoreCase(value, valueLen, "close")) {
      response_.keepAlive = false;
    } else if (http10_ && containsTokenIgnoreCase(value, valueLen, "keep-alive")) {
      response_.keepAlive = true;
    }
  }
}

void ResponseParser::onHeadersEnd() {
  const uint16_t status = response_.status;
  if (status >= 100 && status < 200) {
    if (status == 101) return fail("unexpected protocol switch");
    // An interim response (100 Continue, 103 Early Hints): the real one follows.
    const bool head = head_;
    begin(head);
    started_ = true;
    return;
  }
  if (head_ || status == 204 || status == 304) {
    state_ = ParseState::Done;
  } else if (response_.chunked) {
    if (response_.hasContentLength) response_.keepAlive = false;  // ambiguous framing: do not reuse
    state_ = ParseState::ChunkSize;
  } else if (response_.hasContentLength) {
    remaining_ = response_.contentLength;
    state_ = remaining_ == 0 ? ParseState::Done : ParseState::SizedBody;
  } else {
    response_.keepAlive = false;
    state_ = ParseState::BodyUntilClose;
  }
}

void ResponseParser::onChunkSizeLine() {
  uint64_t size = 0;
  size_t i = 0;
  for (; i < lineLen_; ++i) {
    const char c = lower(line_[i]);
    uint64_t digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<uint64_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<uint64_t>(c - 'a' + 10);
    } else {
      break;
    }
    if (i >= 8) return fail("chunk size too large");
    size = size * 16 + digit;
  }
  if (i == 0 || lineOverflow_) return fail("bad chunk size");
  if (i < lineLen_ && line_[i] != ';' && line_[i] != ' ' && line_[i] != '\t') return fail("bad chunk size");
  if (size == 0) {
    state_ = ParseState::Trailers;
  } else {
    remaining_ = size;
    state_ = ParseState::ChunkData;
  }
}

void ResponseParser::onBodyBytes(const uint8_t* data, size_t len) {
  const size_t snippetCap = sizeof response_.bodySnippet - 1;
  if (response_.bodyBytes < snippetCap) {
    const size_t room = snippetCap - response_.bodyBytes;
    const size_t n = len < room ? len : room;
    for (size_t i = 0; i < n; ++i) {
      const char c = static_cast<char>(data[i]);
      // Keep the snippet printable on one log line.
      response_.bodySnippet[response_.bodyBytes + i] = (c >= 0x20 && c < 0x7f) ? c : ' ';
    }
    response_.bodySnippet[response_.bodyBytes + n] = '\0';
  }
  const uint64_t total = static_cast<uint64_t>(response_.bodyBytes) + len;
  response_.bodyBytes = total > kMaxBody ? kMaxBody : static_cast<uint32_t>(total);
  if (total >= kMaxBody && state_ != ParseState::BodyUntilClose) {
    response_.keepAlive = false;
    state_ = ParseState::Done;
  } else if (total >= kMaxBody) {
    state_ = ParseState::Done;
  }
}

}  // namespace porthole
