// The relay's base URL, split once at start-up into what each request needs.
#pragma once

#include <cstddef>
#include <cstdint>

namespace porthole {

struct RelayEndpoint {
  bool tls = false;
  uint16_t port = 0;
  char host[64] = {};
  char hostHeader[72] = {};  // host, plus ":port" when the port is not the scheme's default
  char basePath[96] = {};    // always starts and ends with '/'
};

// Accepts "http://host[:port][/path/]" and "https://...". Returns false (and fills `error` with a
// short reason) for anything else: userinfo, query strings, fragments, IPv6 literals, long parts.
bool parseRelayUrl(const char* url, RelayEndpoint& out, const char** error);

// Writes basePath + path + suffix into `out`. `path` is relative to the base; a leading '/' (as the
// contract's paths have) is the base's own: "/cam/" + "/files" + "/" -> "/cam/files/". False if it
// does not fit.
bool joinPath(const RelayEndpoint& relay, const char* path, char* out, size_t cap, const char* suffix = "");

// The path of a tus `Location` header, which may be absolute ("http://h/files/x") or a path.
// Only the path is kept: the upload goes on over the connection to the configured relay.
bool uploadPathFromLocation(const char* location, char* out, size_t cap);

}  // namespace porthole
