// Wi-Fi for the simulation: the station "associates" after a short while; WiFiClientSecure is a
// plain TCP socket to the relay under test (which speaks HTTP), recording the CA it was given.
#include <WiFi.h>
#include <WiFiClientSecure.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "sim_log.h"

WiFiClass WiFi;

namespace {
uint32_t associatedAt = 0;
bool associating = false;
}  // namespace

void WiFiClass::persistent(bool) {}
bool WiFiClass::mode(wifi_mode_t) { return true; }
bool WiFiClass::setHostname(const char*) { return true; }
bool WiFiClass::setAutoReconnect(bool) { return true; }
bool WiFiClass::setSleep(bool) { return true; }
bool WiFiClass::setTxPower(wifi_power_t power) {
  simEvent("wifi tx power %d", static_cast<int>(power));
  return true;
}
bool WiFiClass::disconnect(bool, bool) {
  associating = false;
  return true;
}
wl_status_t WiFiClass::begin(const char* ssid, const char*, int32_t, const uint8_t*, bool) {
  simEvent("wifi joining %s", ssid);
  associating = true;
  associatedAt = simNowMs() + 300;
  return WL_DISCONNECTED;
}
wl_status_t WiFiClass::status() {
  return associating && simNowMs() >= associatedAt ? WL_CONNECTED : WL_DISCONNECTED;
}
int8_t WiFiClass::RSSI() { return -55; }

// --- WiFiClient over a POSIX socket ---

namespace {
int socketFd = -1;  // one client at a time is all the board uses
}

int WiFiClient::connect(const char* host, uint16_t port) { return connect(host, port, 5000); }

int WiFiClient::connect(const char* host, uint16_t port, int32_t timeout) {
  stop();
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  char service[8];
  std::snprintf(service, sizeof service, "%u", static_cast<unsigned>(port));
  addrinfo* found = nullptr;
  if (getaddrinfo(host, service, &hints, &found) != 0) return 0;
  const int fd = socket(found->ai_family, found->ai_socktype, found->ai_protocol);
  timeval tv{timeout / 1000, (timeout % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  const bool ok = fd >= 0 && ::connect(fd, found->ai_addr, found->ai_addrlen) == 0;
  freeaddrinfo(found);
  if (!ok) {
    if (fd >= 0) close(fd);
    return 0;
  }
  socketFd = fd;
  simEvent("tcp connected to %s:%u", host, static_cast<unsigned>(port));
  return 1;
}

size_t WiFiClient::write(const uint8_t* buf, size_t size) {
  if (socketFd < 0) return 0;
  const ssize_t n = send(socketFd, buf, size, MSG_NOSIGNAL);
  return n > 0 ? static_cast<size_t>(n) : 0;
}

int WiFiClient::available() {
  if (socketFd < 0) return 0;
  int n = 0;
  return ioctl(socketFd, FIONREAD, &n) == 0 ? n : 0;
}

int WiFiClient::read(uint8_t* buf, size_t size) {
  if (socketFd < 0) return -1;
  const ssize_t n = recv(socketFd, buf, size, MSG_DONTWAIT);
  return n > 0 ? static_cast<int>(n) : -1;
}

void WiFiClient::stop() {
  if (socketFd >= 0) close(socketFd);
  socketFd = -1;
}

uint8_t WiFiClient::connected() {
  if (socketFd < 0) return 0;
  char c;
  const ssize_t n = recv(socketFd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) return 0;
  return 1;
}

int WiFiClient::setTimeout(uint32_t) { return 0; }

// --- WiFiClientSecure: the same socket; the certificate is only recorded ---

int WiFiClientSecure::connect(const char* host, uint16_t port) { return WiFiClient::connect(host, port); }
int WiFiClientSecure::connect(const char* host, uint16_t port, int32_t timeout) {
  return WiFiClient::connect(host, port, timeout);
}
size_t WiFiClientSecure::write(const uint8_t* buf, size_t size) { return WiFiClient::write(buf, size); }
int WiFiClientSecure::available() { return WiFiClient::available(); }
int WiFiClientSecure::read(uint8_t* buf, size_t size) { return WiFiClient::read(buf, size); }
void WiFiClientSecure::stop() { WiFiClient::stop(); }
uint8_t WiFiClientSecure::connected() { return WiFiClient::connected(); }
void WiFiClientSecure::setCACert(const char* rootCA) {
  static bool reported = false;
  if (!reported) simEvent("tls root CA set (%zu bytes)", std::strlen(rootCA));
  reported = true;
}
void WiFiClientSecure::setHandshakeTimeout(unsigned long) {}
int WiFiClientSecure::lastError(char* buf, const size_t size) {
  std::snprintf(buf, size, "%s", std::strerror(errno));
  return 0;
}
