// Non-secret settings, with defaults. Override with -D flags in platformio.ini (or defines in
// secrets.h, which is included first).
#pragma once

#include <stdint.h>

#ifndef PORTHOLE_FRAME_SIZE
#define PORTHOLE_FRAME_SIZE FRAMESIZE_VGA  // 640x480: what the relay publishes at most by default
#endif
#ifndef PORTHOLE_JPEG_QUALITY
#define PORTHOLE_JPEG_QUALITY 12  // 0-63, lower is better; 10-15 keeps a VGA frame around 20-30 kB
#endif
#ifdef PORTHOLE_INTERVAL_MS
#error "PORTHOLE_INTERVAL_MS is now PORTHOLE_INTERVAL (still in ms), as the camera and relay call it"
#endif
#ifndef PORTHOLE_INTERVAL
#define PORTHOLE_INTERVAL 2000  // ms between captures; like PORTHOLE_INTERVAL=2000 for porthole-camera
#endif
#ifndef PORTHOLE_MAX_FRAME_AGE_MS
#define PORTHOLE_MAX_FRAME_AGE_MS 0  // 0: three intervals, at least 5 s
#endif
#ifndef PORTHOLE_BLINK_CAP
#define PORTHOLE_BLINK_CAP 10
#endif
#ifndef PORTHOLE_WATCHDOG_S
#define PORTHOLE_WATCHDOG_S 30  // longer than any single bounded wait below
#endif
#ifndef PORTHOLE_SWITCH_DEBOUNCE_MS
#define PORTHOLE_SWITCH_DEBOUNCE_MS 50
#endif
#ifndef PORTHOLE_CAPTURE_ATTEMPTS
#define PORTHOLE_CAPTURE_ATTEMPTS 3
#endif

namespace settings {
constexpr uint32_t kConnectTimeoutMs = 10000;  // TCP + TLS handshake
constexpr uint32_t kIoIdleTimeoutMs = 8000;
constexpr uint32_t kExchangeTimeoutMs = 20000;
static_assert(PORTHOLE_INTERVAL >= 100 && PORTHOLE_INTERVAL <= 3600000,
              "PORTHOLE_INTERVAL is in milliseconds, from 100 (100ms) to 3600000 (1h)");
static_assert(kConnectTimeoutMs / 1000 < PORTHOLE_WATCHDOG_S, "the watchdog must outlast a connect");
}  // namespace settings
