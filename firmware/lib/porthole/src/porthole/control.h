// The privacy switch's message to the relay: POST /control {"paused": true|false}, so the site
// switches to the loop the moment the owner flips the switch, not after `offlineAfter`.
#pragma once

#include <cstdint>

#include "http_client.h"

namespace porthole {

enum class ControlResult : uint8_t {
  Accepted,      // 2xx
  Unauthorized,  // 401/403: retrying will not help until the token is fixed
  Failed,        // network trouble or a relay error: retry later
};

const char* describe(ControlResult result);

// One bounded request. `status` (optional) receives the HTTP status, 0 when none came back.
ControlResult postControl(HttpClient& http, const char* token, bool paused, uint16_t* status = nullptr);

}  // namespace porthole
