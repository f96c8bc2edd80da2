// The request heads of the tus 1.0 calls the camera makes, written into a fixed buffer.
#pragma once

#include <cstddef>
#include <cstdint>

#include "http_request.h"
#include "protocol.h"
#include "relay_url.h"

namespace porthole {

struct TusAuth {
  const RelayEndpoint& relay;
  const char* token;
};

// POST <base>files/ with Upload-Length. With `bodyLen` > 0 it is creation-with-upload: the
// frame travels in the same request. `filename` may be null.
bool writeCreateRequest(RequestWriter& w, const TusAuth& auth, uint64_t uploadLength, uint64_t bodyLen,
                        const char* filename);

// HEAD <upload>: asks how many bytes the relay holds.
bool writeOffsetRequest(RequestWriter& w, const TusAuth& auth, const char* uploadPath);

// PATCH <upload> from `offset`, carrying `bodyLen` bytes.
bool writeAppendRequest(RequestWriter& w, const TusAuth& auth, const char* uploadPath, uint64_t offset,
                        uint64_t bodyLen);

// Standard base64 of `len` bytes into `out` (NUL-terminated). False if it does not fit.
bool base64Encode(const uint8_t* data, size_t len, char* out, size_t cap);

}  // namespace porthole
