#include "control.h"

#include <cstring>

#include "http_request.h"
#include "protocol.h"
#include "relay_url.h"

namespace porthole {

const char* describe(ControlResult result) {
  switch (result) {
    case ControlResult::Accepted:
      return "accepted";
    case ControlResult::Unauthorized:
      return "unauthorized";
    case ControlResult::Failed:
      return "failed";
  }
  return "?";
}

ControlResult postControl(HttpClient& http, const char* token, bool paused, uint16_t* status) {
  if (status != nullptr) *status = 0;
  const char* body = paused ? "{\"paused\":true}" : "{\"paused\":false}";
  const size_t bodyLen = std::strlen(body);
  char path[128];
  if (!joinPath(http.relay(), kControlPath, path, sizeof path)) return ControlResult::Failed;
  char bearer[160];
  const size_t tokenLen = std::strlen(token);
  if (tokenLen + 8 > sizeof bearer) return ControlResult::Unauthorized;
  std::memcpy(bearer, "Bearer ", 7);
  std::memcpy(bearer + 7, token, tokenLen + 1);

  char head[512];
  RequestWriter w(head, sizeof head);
  w.start("POST", path, http.relay().hostHeader);
  w.header("Authorization", bearer);
  w.header("User-Agent", "porthole-firmware/0.1");
  w.header("Content-Type", "application/json");
  w.header("Content-Length", static_cast<uint64_t>(bodyLen));
  if (!w.finish()) return ControlResult::Unauthorized;

  const ExchangeStatus sent =
      http.exchange(w.data(), w.size(), reinterpret_cast<const uint8_t*>(body), bodyLen, false);
  if (sent != ExchangeStatus::Ok) return ControlResult::Failed;
  const uint16_t code = http.response().status;
  if (status != nullptr) *status = code;
  if (code >= 200 && code < 300) return ControlResult::Accepted;
  if (code == 401 || code == 403) return ControlResult::Unauthorized;
  return ControlResult::Failed;
}

}  // namespace porthole
