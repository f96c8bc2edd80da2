#include "posix_transport.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

using porthole::IoResult;
using porthole::IoStatus;

namespace {

// Waits for `events` on `fd`; 1 ready, 0 timed out, -1 error.
int waitFor(int fd, short events, uint32_t timeoutMs) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int r = ::poll(&p, 1, static_cast<int>(timeoutMs));
    if (r < 0 && errno == EINTR) continue;
    return r < 0 ? -1 : r;
  }
}

int connectOne(const addrinfo* ai, uint32_t timeoutMs) {
  const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
  if (fd < 0) return -1;
  if (::connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
    int error = errno;
    if (error == EINPROGRESS) {
      socklen_t len = sizeof error;
      if (waitFor(fd, POLLOUT, timeoutMs) != 1 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0) {
        error = ETIMEDOUT;
      }
    }
    if (error != 0) {
      ::close(fd);
      return -1;
    }
  }
  // Head and body go out as separate writes: do not let Nagle hold the body back.
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

}  // namespace

bool PosixTransport::connect(const char* host, uint16_t port, uint32_t timeoutMs) {
  close();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  char service[8];
  std::snprintf(service, sizeof service, "%u", static_cast<unsigned>(port));
  addrinfo* found = nullptr;
  if (::getaddrinfo(host, service, &hints, &found) != 0) return false;
  for (const addrinfo* ai = found; ai != nullptr && fd_ < 0; ai = ai->ai_next)
    fd_ = connectOne(ai, timeoutMs);
  ::freeaddrinfo(found);
  return fd_ >= 0;
}

IoResult PosixTransport::write(const uint8_t* data, size_t len, uint32_t timeoutMs) {
  if (fd_ < 0) return {IoStatus::Error, 0};
  const int ready = waitFor(fd_, POLLOUT, timeoutMs);
  if (ready == 0) return {IoStatus::Timeout, 0};
  if (ready < 0) return {IoStatus::Error, 0};
  const ssize_t n = ::send(fd_, data, len, MSG_NOSIGNAL);
  if (n > 0) return {IoStatus::Ok, static_cast<size_t>(n)};
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return {IoStatus::Timeout, 0};
  return {IoStatus::Error, 0};
}

IoResult PosixTransport::read(uint8_t* buffer, size_t cap, uint32_t timeoutMs) {
  if (fd_ < 0) return {IoStatus::Error, 0};
  const int ready = waitFor(fd_, POLLIN, timeoutMs);
  if (ready == 0) return {IoStatus::Timeout, 0};
  if (ready < 0) return {IoStatus::Error, 0};
  const ssize_t n = ::recv(fd_, buffer, cap, 0);
  if (n > 0) return {IoStatus::Ok, static_cast<size_t>(n)};
  if (n == 0) return {IoStatus::Closed, 0};
  if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return {IoStatus::Timeout, 0};
  return {IoStatus::Error, 0};
}

void PosixTransport::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}
