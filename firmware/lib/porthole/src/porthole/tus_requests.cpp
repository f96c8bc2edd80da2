#include "tus_requests.h"

#include <cstring>

namespace porthole {
namespace {

void writeCommon(RequestWriter& w, const char* method, const char* path, const TusAuth& auth) {
  w.start(method, path, auth.relay.hostHeader);
  char bearer[160];
  const size_t tokenLen = std::strlen(auth.token);
  if (tokenLen + 8 > sizeof bearer) {
    w.fail();
  } else {
    std::memcpy(bearer, "Bearer ", 7);
    std::memcpy(bearer + 7, auth.token, tokenLen + 1);
    w.header("Authorization", bearer);
  }
  w.header("Tus-Resumable", kTusVersion);
  w.header("User-Agent", "porthole-firmware/0.1");
}

}  // namespace

bool base64Encode(const uint8_t* data, size_t len, char* out, size_t cap) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const size_t need = (len + 2) / 3 * 4 + 1;
  if (need > cap) return false;
  size_t o = 0;
  for (size_t i = 0; i < len; i += 3) {
    const uint32_t b0 = data[i];
    const uint32_t b1 = i + 1 < len ? data[i + 1] : 0;
    const uint32_t b2 = i + 2 < len ? data[i + 2] : 0;
    const uint32_t triple = (b0 << 16) | (b1 << 8) | b2;
    out[o++] = kAlphabet[(triple >> 18) & 63];
    out[o++] = kAlphabet[(triple >> 12) & 63];
    out[o++] = i + 1 < len ? kAlphabet[(triple >> 6) & 63] : '=';
    out[o++] = i + 2 < len ? kAlphabet[triple & 63] : '=';
  }
  out[o] = '\0';
  return true;
}

bool writeCreateRequest(RequestWriter& w, const TusAuth& auth, uint64_t uploadLength, uint64_t bodyLen,
                        const char* filename) {
  char path[128];
  if (!joinPath(auth.relay, kTusPath, path, sizeof path, "/")) return false;
  writeCommon(w, "POST", path, auth);
  w.header("Upload-Length", uploadLength);
  // "filetype image/jpeg", base64 as tus metadata requires.
  char metadata[160] = "filetype aW1hZ2UvanBlZw==";
  if (filename != nullptr && *filename != '\0') {
    char encoded[96];
    if (base64Encode(reinterpret_cast<const uint8_t*>(filename), std::strlen(filename), encoded,
                     sizeof encoded)) {
      const size_t used = std::strlen(metadata);
      const size_t encodedLen = std::strlen(encoded);
      if (used + 10 + encodedLen + 1 <= sizeof metadata) {
        std::memcpy(metadata + used, ",filename ", 10);
        std::memcpy(metadata + used + 10, encoded, encodedLen + 1);
      }
    }
  }
  w.header("Upload-Metadata", metadata);
  if (bodyLen > 0) w.header("Content-Type", "application/offset+octet-stream");
  w.header("Content-Length", bodyLen);
  return w.finish();
}

bool writeOffsetRequest(RequestWriter& w, const TusAuth& auth, const char* uploadPath) {
  writeCommon(w, "HEAD", uploadPath, auth);
  return w.finish();
}

bool writeAppendRequest(RequestWriter& w, const TusAuth& auth, const char* uploadPath, uint64_t offset,
                        uint64_t bodyLen) {
  writeCommon(w, "PATCH", uploadPath, auth);
  w.header("Upload-Offset", offset);
  w.header("Content-Type", "application/offset+octet-stream");
  w.header("Content-Length", bodyLen);
  return w.finish();
}

}  // namespace porthole
