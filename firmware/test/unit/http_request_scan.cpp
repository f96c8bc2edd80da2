#include "http_request_scan.h"

#include <cctype>
#include <cstdlib>

ScannedRequest scanRequest(const std::string& input) {
  ScannedRequest r;
  const size_t headEnd = input.find("\r\n\r\n");
  if (headEnd == std::string::npos) return r;
  r.headComplete = true;
  const std::string head = input.substr(0, headEnd);
  size_t lineEnd = head.find("\r\n");
  const std::string requestLine = head.substr(0, lineEnd);
  const size_t sp1 = requestLine.find(' ');
  const size_t sp2 = requestLine.find(' ', sp1 + 1);
  r.method = requestLine.substr(0, sp1);
  r.path = requestLine.substr(sp1 + 1, sp2 - sp1 - 1);
  size_t pos = lineEnd == std::string::npos ? head.size() : lineEnd + 2;
  while (pos < head.size()) {
    size_t end = head.find("\r\n", pos);
    if (end == std::string::npos) end = head.size();
    const std::string line = head.substr(pos, end - pos);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t v = colon + 1;
      while (v < line.size() && line[v] == ' ') ++v;
      r.headers[name] = line.substr(v);
    }
    pos = end + 2;
  }
  const size_t bodyStart = headEnd + 4;
  const size_t length =
      static_cast<size_t>(std::strtoull(headerOr(r, "content-length", "0").c_str(), nullptr, 10));
  const size_t available = input.size() - bodyStart;
  r.body = input.substr(bodyStart, available < length ? available : length);
  r.complete = available >= length;
  r.consumed = r.complete ? bodyStart + length : 0;
  return r;
}

std::string headerOr(const ScannedRequest& r, const std::string& name, const std::string& fallback) {
  const auto it = r.headers.find(name);
  return it == r.headers.end() ? fallback : it->second;
}
