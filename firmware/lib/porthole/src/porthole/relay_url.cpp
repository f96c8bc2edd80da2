#include "relay_url.h"

#include <cstring>

namespace porthole {
namespace {

bool startsWith(const char* s, const char* prefix) {
  return std::strncmp(s, prefix, std::strlen(prefix)) == 0;
}

bool copyBounded(char* out, size_t cap, const char* from, size_t len) {
  if (len + 1 > cap) return false;
  std::memcpy(out, from, len);
  out[len] = '\0';
  return true;
}

bool isHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

bool isPathChar(char c) { return c > ' ' && c < 127 && c != '?' && c != '#'; }

}  // namespace

bool parseRelayUrl(const char* url, RelayEndpoint& out, const char** error) {
  const char* ignored = nullptr;
  const char** why = error != nullptr ? error : &ignored;
  out = RelayEndpoint{};
  if (url == nullptr) return *why = "relay URL is empty", false;
  const char* p = url;
  if (startsWith(p, "https://")) {
    out.tls = true;
    out.port = 443;
    p += 8;
  } else if (startsWith(p, "http://")) {
    out.port = 80;
    p += 7;
  } else {
    return *why = "relay URL must start with http:// or https://", false;
  }
  const char* hostStart = p;
  while (isHostChar(*p)) ++p;
  const size_t hostLen = static_cast<size_t>(p - hostStart);
  if (hostLen == 0) return *why = "relay URL has no host", false;
  if (!copyBounded(out.host, sizeof out.host, hostStart, hostLen))
    return *why = "relay host is too long", false;
  bool explicitPort = false;
  if (*p == ':') {
    ++p;
    uint32_t port = 0;
    const char* digits = p;
    while (*p >= '0' && *p <= '9' && port <= 65535) port = port * 10 + static_cast<uint32_t>(*p++ - '0');
    if (p == digits || port == 0 || port > 65535) return *why = "relay port must be 1-65535", false;
    explicitPort = (port != (out.tls ? 443u : 80u));
    out.port = static_cast<uint16_t>(port);
  }
  if (*p != '\0' && *p != '/') return *why = "relay URL has an unexpected character after the host", false;
  const char* pathStart = *p == '\0' ? "/" : p;
  size_t pathLen = std::strlen(pathStart);
  for (size_t i = 0; i < pathLen; ++i) {
    if (!isPathChar(pathStart[i])) return *why = "relay URL path must not carry a query or fragment", false;
  }
  const bool needsSlash = pathStart[pathLen - 1] != '/';
  if (pathLen + (needsSlash ? 1 : 0) + 1 > sizeof out.basePath)
    return *why = "relay URL path is too long", false;
  std::memcpy(out.basePath, pathStart, pathLen);
  if (needsSlash) out.basePath[pathLen++] = '/';
  out.basePath[pathLen] = '\0';
  if (explicitPort) {
    char portText[8];
    size_t n = 0;
    char reversed[6];
    for (uint32_t v = out.port; v > 0; v /= 10) reversed[n++] = static_cast<char>('0' + v % 10);
    for (size_t i = 0; i < n; ++i) portText[i] = reversed[n - 1 - i];
    portText[n] = '\0';
    if (hostLen + 1 + n + 1 > sizeof out.hostHeader) return *why = "relay host is too long", false;
    std::memcpy(out.hostHeader, out.host, hostLen);
    out.hostHeader[hostLen] = ':';
    std::memcpy(out.hostHeader + hostLen + 1, portText, n + 1);
  } else {
    std::memcpy(out.hostHeader, out.host, hostLen + 1);
  }
  return true;
}

bool joinPath(const RelayEndpoint& relay, const char* path, char* out, size_t cap, const char* suffix) {
  if (*path == '/') ++path;  // basePath always ends with '/'
  const size_t baseLen = std::strlen(relay.basePath);
  const size_t pathLen = std::strlen(path);
  const size_t suffixLen = std::strlen(suffix);
  if (baseLen + pathLen + suffixLen + 1 > cap) return false;
  std::memcpy(out, relay.basePath, baseLen);
  std::memcpy(out + baseLen, path, pathLen);
  std::memcpy(out + baseLen + pathLen, suffix, suffixLen + 1);
  return true;
}

bool uploadPathFromLocation(const char* location, char* out, size_t cap) {
  const char* p = location;
  if (startsWith(p, "http://") || startsWith(p, "https://")) {
    p = std::strchr(p + 7 + (p[4] == 's' ? 1 : 0), '/');
    if (p == nullptr) return false;
  }
  if (*p != '/') return false;
  size_t len = 0;
  while (p[len] != '\0') {
    if (!isPathChar(p[len])) return false;
    ++len;
  }
  return copyBounded(out, cap, p, len);
}

}  // namespace porthole
