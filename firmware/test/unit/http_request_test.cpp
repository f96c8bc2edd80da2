#include <string>

#include "check.h"
#include "porthole/http_request.h"
#include "porthole/relay_url.h"
#include "porthole/tus_requests.h"

namespace {
porthole::RelayEndpoint relayAt(const char* url) {
  porthole::RelayEndpoint r;
  porthole::parseRelayUrl(url, r, nullptr);
  return r;
}
}  // namespace

TEST("writes a creation-with-upload POST carrying the whole frame") {
  const porthole::RelayEndpoint relay = relayAt("http://127.0.0.1:8787/");
  char buffer[640];
  porthole::RequestWriter w(buffer, sizeof buffer);
  CHECK(porthole::writeCreateRequest(w, {relay, "tok"}, 1234, 1234, "f.jpg"));
  CHECK_EQ(std::string(w.data(), w.size()),
           std::string("POST /files/ HTTP/1.1\r\n"
                       "Host: 127.0.0.1:8787\r\n"
                       "Authorization: Bearer tok\r\n"
                       "Tus-Resumable: 1.0.0\r\n"
                       "User-Agent: porthole-firmware/0.1\r\n"
                       "Upload-Length: 1234\r\n"
                       "Upload-Metadata: filetype aW1hZ2UvanBlZw==,filename Zi5qcGc=\r\n"
                       "Content-Type: application/offset+octet-stream\r\n"
                       "Content-Length: 1234\r\n"
                       "\r\n"));
}

TEST("writes a bodiless creation POST, a HEAD and a PATCH from an offset") {
  const porthole::RelayEndpoint relay = relayAt("https://relay.example/cam/");
  char buffer[640];
  porthole::RequestWriter w(buffer, sizeof buffer);
  CHECK(porthole::writeCreateRequest(w, {relay, "tok"}, 99, 0, nullptr));
  const std::string create(w.data(), w.size());
  CHECK(create.find("POST /cam/files/ HTTP/1.1\r\nHost: relay.example\r\n") == 0);
  CHECK(create.find("Content-Length: 0\r\n") != std::string::npos);
  CHECK(create.find("Content-Type") == std::string::npos);
  CHECK(create.find("filename") == std::string::npos);

  CHECK(porthole::writeOffsetRequest(w, {relay, "tok"}, "/cam/files/x1"));
  CHECK_EQ(std::string(w.data(), w.size()),
           std::string("HEAD /cam/files/x1 HTTP/1.1\r\nHost: relay.example\r\nAuthorization: Bearer tok\r\n"
                       "Tus-Resumable: 1.0.0\r\nUser-Agent: porthole-firmware/0.1\r\n\r\n"));

  CHECK(porthole::writeAppendRequest(w, {relay, "tok"}, "/cam/files/x1", 40, 59));
  const std::string patch(w.data(), w.size());
  CHECK(patch.find("PATCH /cam/files/x1 HTTP/1.1\r\n") == 0);
  CHECK(
      patch.find(
          "Upload-Offset: 40\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: 59\r\n\r\n") !=
      std::string::npos);
}

TEST("refuses to write a request that does not fit its buffer") {
  const porthole::RelayEndpoint relay = relayAt("http://h/");
  char buffer[64];
  porthole::RequestWriter w(buffer, sizeof buffer);
  CHECK(!porthole::writeCreateRequest(w, {relay, "tok"}, 1, 1, nullptr));
}

TEST("refuses header values that would smuggle a line break") {
  const porthole::RelayEndpoint relay = relayAt("http://h/");
  char buffer[640];
  porthole::RequestWriter w(buffer, sizeof buffer);
  CHECK(!porthole::writeOffsetRequest(w, {relay, "tok\r\nX-Evil: 1"}, "/files/a"));
  CHECK(!porthole::writeOffsetRequest(w, {relay, "tok"}, "/files/a b"));
  CHECK(porthole::writeOffsetRequest(w, {relay, "tok"}, "/files/a"));
}

TEST("refuses a token too long for the Authorization header buffer") {
  const porthole::RelayEndpoint relay = relayAt("http://h/");
  char buffer[1024];
  porthole::RequestWriter w(buffer, sizeof buffer);
  const std::string longToken(200, 't');
  CHECK(!porthole::writeOffsetRequest(w, {relay, longToken.c_str()}, "/files/a"));
}

TEST("base64-encodes metadata values with padding") {
  char out[17];
  CHECK(porthole::base64Encode(reinterpret_cast<const uint8_t*>("image/jpeg"), 10, out, sizeof out));
  CHECK_STREQ(out, "aW1hZ2UvanBlZw==");
  CHECK(porthole::base64Encode(reinterpret_cast<const uint8_t*>("ab"), 2, out, sizeof out));
  CHECK_STREQ(out, "YWI=");
  CHECK(porthole::base64Encode(reinterpret_cast<const uint8_t*>("abc"), 3, out, sizeof out));
  CHECK_STREQ(out, "YWJj");
  CHECK(porthole::base64Encode(nullptr, 0, out, sizeof out));
  CHECK_STREQ(out, "");
  char tiny[4];
  CHECK(!porthole::base64Encode(reinterpret_cast<const uint8_t*>("abc"), 3, tiny, sizeof tiny));
}
