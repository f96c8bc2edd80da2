// The relay's wire contract as the firmware speaks it, in one place. Each value mirrors
// @porthole/protocol (protocol/src/index.ts); firmware/test/contract.test.ts fails when they differ.
#pragma once

namespace porthole {

// TUS_VERSION: sent as Tus-Resumable on every tus request.
constexpr const char* kTusVersion = "1.0.0";

// PATHS.tus: the tus creation endpoint, relative to the relay's base URL; uploads live under it.
constexpr const char* kTusPath = "/files";

// PATHS.control: the owner's switch, POST {"paused": true|false}.
constexpr const char* kControlPath = "/control";

// HEADERS.waves: on upload answers, the visitors' waves since the camera's previous upload.
constexpr const char* kWavesHeader = "Porthole-Waves";

}  // namespace porthole
