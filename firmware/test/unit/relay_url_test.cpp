#include "check.h"
#include "porthole/protocol.h"
#include "porthole/relay_url.h"

using porthole::RelayEndpoint;

TEST("splits an http relay URL with a port into host, port, Host header and base path") {
  RelayEndpoint r;
  CHECK(porthole::parseRelayUrl("http://127.0.0.1:8787/", r, nullptr));
  CHECK(!r.tls);
  CHECK_STREQ(r.host, "127.0.0.1");
  CHECK_EQ(r.port, 8787);
  CHECK_STREQ(r.hostHeader, "127.0.0.1:8787");
  CHECK_STREQ(r.basePath, "/");
}

TEST("defaults the port from the scheme and leaves it out of the Host header") {
  RelayEndpoint r;
  CHECK(porthole::parseRelayUrl("https://cam.example.org", r, nullptr));
  CHECK(r.tls);
  CHECK_EQ(r.port, 443);
  CHECK_STREQ(r.hostHeader, "cam.example.org");
  CHECK_STREQ(r.basePath, "/");
  CHECK(porthole::parseRelayUrl("https://cam.example.org:443/porthole", r, nullptr));
  CHECK_STREQ(r.hostHeader, "cam.example.org");
  CHECK_STREQ(r.basePath, "/porthole/");
}

TEST("joins request paths under the base path") {
  RelayEndpoint r;
  CHECK(porthole::parseRelayUrl("http://relay:1/sub/", r, nullptr));
  char path[32];
  CHECK(porthole::joinPath(r, "files/", path, sizeof path));
  CHECK_STREQ(path, "/sub/files/");
  char tiny[8];
  CHECK(!porthole::joinPath(r, "files/", tiny, sizeof tiny));
}

TEST("joins the contract's rooted paths under the base path, with an optional suffix") {
  RelayEndpoint r;
  CHECK(porthole::parseRelayUrl("http://relay:1/sub/", r, nullptr));
  char path[32];
  CHECK(porthole::joinPath(r, porthole::kTusPath, path, sizeof path, "/"));
  CHECK_STREQ(path, "/sub/files/");
  CHECK(porthole::joinPath(r, porthole::kControlPath, path, sizeof path));
  CHECK_STREQ(path, "/sub/control");
  char fits[12];
  CHECK(porthole::joinPath(r, "/files", fits, sizeof fits, "/"));
  CHECK(!porthole::joinPath(r, "/files", fits, sizeof fits, "//"));
}

TEST("refuses relay URLs it cannot use, saying why") {
  RelayEndpoint r;
  const char* why = nullptr;
  CHECK(!porthole::parseRelayUrl("ftp://x/", r, &why));
  CHECK_STREQ(why, "relay URL must start with http:// or https://");
  CHECK(!porthole::parseRelayUrl("http://", r, &why));
  CHECK(!porthole::parseRelayUrl("http://host:0/", r, &why));
  CHECK(!porthole::parseRelayUrl("http://host:70000/", r, &why));
  CHECK(!porthole::parseRelayUrl("http://user@host/", r, &why));
  CHECK(!porthole::parseRelayUrl("http://host/?q=1", r, &why));
  CHECK(!porthole::parseRelayUrl("http://[::1]:80/", r, &why));
  CHECK(!porthole::parseRelayUrl(nullptr, r, &why));
}

TEST("takes the path of an absolute or relative tus Location") {
  char path[64];
  CHECK(porthole::uploadPathFromLocation("http://127.0.0.1:8787/files/abc", path, sizeof path));
  CHECK_STREQ(path, "/files/abc");
  CHECK(porthole::uploadPathFromLocation("https://relay.example/x/files/abc", path, sizeof path));
  CHECK_STREQ(path, "/x/files/abc");
  CHECK(porthole::uploadPathFromLocation("/files/def", path, sizeof path));
  CHECK_STREQ(path, "/files/def");
  CHECK(!porthole::uploadPathFromLocation("files/def", path, sizeof path));
  CHECK(!porthole::uploadPathFromLocation("http://host-without-path", path, sizeof path));
  CHECK(!porthole::uploadPathFromLocation("/files/a b", path, sizeof path));
  char tiny[4];
  CHECK(!porthole::uploadPathFromLocation("/files/def", tiny, sizeof tiny));
}
