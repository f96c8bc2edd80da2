// The byte pipe the uploader talks through: a TLS socket on the chip, a POSIX socket on a host,
// a scripted fake in tests. Every call is bounded by the timeout it is given.
#pragma once

#include <cstddef>
#include <cstdint>

namespace porthole {

enum class IoStatus : uint8_t {
  Ok,       // `bytes` > 0 were moved
  Timeout,  // nothing moved before the timeout
  Closed,   // the peer closed the connection (orderly end of stream)
  Error,    // reset, TLS failure, no route...
};

struct IoResult {
  IoStatus status;
  size_t bytes;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Opens a connection (TLS included when the implementation does TLS). Returns false on failure.
  virtual bool connect(const char* host, uint16_t port, uint32_t timeoutMs) = 0;
  // Writes up to `len` bytes; a partial write is normal and reported in `bytes`.
  virtual IoResult write(const uint8_t* data, size_t len, uint32_t timeoutMs) = 0;
  // Reads up to `cap` bytes, waiting at most `timeoutMs` for the first one.
  virtual IoResult read(uint8_t* buffer, size_t cap, uint32_t timeoutMs) = 0;
  // Idempotent; after it, connect() may be called again.
  virtual void close() = 0;
};

}  // namespace porthole
