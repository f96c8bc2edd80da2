// Porthole camera firmware: every interval, capture a grayscale JPEG and deliver it to the relay
// over tus/HTTPS (resuming after drops); blink for visitors' waves; obey the privacy switch.
// The protocol lives in lib/porthole (host-tested); this file only wires the board to it.
#include <Arduino.h>

#if __has_include("secrets.h")
#include "secrets.h"
#else
// clang-format off: the message must stay on one line to be read
#error \
    "secrets.h is missing: copy include/secrets.example.h to include/secrets.h (Arduino IDE: to src/secrets.h) and fill in Wi-Fi, relay URL, token and root CA."
// clang-format on
#endif

#include <porthole.h>

#include "board_clock.h"
#include "board_pins.h"
#include "camera_source.h"
#include "power_guard.h"
#include "privacy_switch.h"
#include "settings.h"
#include "status_led.h"
#include "tls_transport.h"
#include "watchdog.h"
#include "wifi_link.h"

namespace {

porthole::UploaderConfig uploaderConfig() {
  porthole::UploaderConfig config;
  config.token = PORTHOLE_TOKEN;
  config.maxFrameAgeMs = PORTHOLE_MAX_FRAME_AGE_MS != 0 ? PORTHOLE_MAX_FRAME_AGE_MS
                                                        : porthole::defaultMaxFrameAgeMs(PORTHOLE_INTERVAL);
  config.backoff = {500, 30000};
  return config;
}

BoardClock boardClock;
BoardRandom boardRandom;
porthole::RelayEndpoint relay;  // filled in setup(); the client keeps a reference
TlsTransport transport(PORTHOLE_ROOT_CA);
porthole::HttpClient http(transport, boardClock, relay,
                          porthole::Timeouts{settings::kConnectTimeoutMs, settings::kIoIdleTimeoutMs,
                                             settings::kExchangeTimeoutMs});
porthole::FrameUploader uploader(http, boardClock, boardRandom, uploaderConfig());
porthole::ControlOutbox controlOutbox({1000, 60000}, boardRandom);
CameraSource camera;
WifiLink wifi(boardRandom);
StatusLed led(PORTHOLE_LED_PIN, PORTHOLE_LED_ACTIVE_LOW != 0);
PrivacySwitch privacySwitch(PORTHOLE_SWITCH_PIN, PORTHOLE_SWITCH_DEBOUNCE_MS);

bool configured = false;
bool tokenRefused = false;
camera_fb_t* frame = nullptr;  // the frame being delivered, if any
uint32_t nextCaptureMs = 0;
uint32_t nextStepMs = 0;

bool due(uint32_t at, uint32_t now) { return static_cast<int32_t>(now - at) >= 0; }

bool checkConfiguration() {
  const char* why = nullptr;
  if (!porthole::parseRelayUrl(PORTHOLE_RELAY_URL, relay, &why)) {
    Serial.printf("[config] PORTHOLE_RELAY_URL: %s\n", why);
    return false;
  }
  if (!relay.tls) {
    Serial.println("[config] PORTHOLE_RELAY_URL must be https:// (the board only uploads over TLS)");
    return false;
  }
  if (!looksLikePemCertificate(PORTHOLE_ROOT_CA)) {
    Serial.println("[config] PORTHOLE_ROOT_CA is not a PEM certificate: paste the relay's root CA");
    return false;
  }
  if (!porthole::isSafeHeaderValue(PORTHOLE_TOKEN) || PORTHOLE_TOKEN[0] == '\0') {
    Serial.println("[config] PORTHOLE_TOKEN is empty or contains control characters");
    return false;
  }
  return true;
}

void dropFrame() {
  camera.release(frame);
  frame = nullptr;
}

void finishFrame(porthole::FrameOutcome outcome, uint32_t now) {
  const uint32_t bytes = frame != nullptr ? static_cast<uint32_t>(frame->len) : 0;
  dropFrame();
  switch (outcome) {
    case porthole::FrameOutcome::Published: {
      tokenRefused = false;
      power::markHealthy();
      const uint32_t waves = uploader.waves();
      Serial.printf("[upload] published %u bytes in %u requests, waves %u\n", static_cast<unsigned>(bytes),
                    static_cast<unsigned>(uploader.requests()), static_cast<unsigned>(waves));
      led.blink(porthole::blinkCount(waves, PORTHOLE_BLINK_CAP), now, PORTHOLE_BLINK_CAP);
      break;
    }
    case porthole::FrameOutcome::Unauthorized:
      tokenRefused = true;
      nextCaptureMs = now + 60000;  // a wrong token will not fix itself: do not hammer the relay
      Serial.println("[upload] the relay refused the token (check PORTHOLE_TOKEN)");
      break;
    default:
      Serial.printf("[upload] frame %s: %s (HTTP %u)\n", porthole::describe(outcome),
                    uploader.problem() != nullptr ? uploader.problem() : "?",
                    static_cast<unsigned>(uploader.problemStatus()));
      break;
  }
}

void sendControlIfDue(uint32_t now) {
  if (!controlOutbox.due(now)) return;
  uint16_t status = 0;
  const porthole::ControlResult result =
      porthole::postControl(http, PORTHOLE_TOKEN, controlOutbox.paused(), &status);
  Serial.printf("[switch] told the relay paused=%s: %s (HTTP %u)\n",
                controlOutbox.paused() ? "true" : "false", porthole::describe(result),
                static_cast<unsigned>(status));
  tokenRefused = result == porthole::ControlResult::Unauthorized;
  controlOutbox.delivered(result, millis());
}

void captureOrUpload(uint32_t now) {
  if (frame == nullptr) {
    if (!due(nextCaptureMs, now)) return;
    nextCaptureMs = now + PORTHOLE_INTERVAL;
    frame = camera.capture(PORTHOLE_CAPTURE_ATTEMPTS);
    if (frame == nullptr) power::restartCleanly("the camera stopped delivering frames");
    uploader.begin(frame->buf, frame->len, now);
    nextStepMs = now;
  }
  if (!due(nextStepMs, now)) return;
  const porthole::StepResult r = uploader.step();  // one bounded request
  if (r.outcome == porthole::FrameOutcome::InProgress) {
    nextStepMs = millis() + r.waitMs;
  } else {
    finishFrame(r.outcome, millis());
  }
}

}  // namespace

void setup() {
  Serial.begin(115200);
  watchdog::begin(PORTHOLE_WATCHDOG_S);
  const bool lowTxPower = power::onBoot();
  led.begin();
  privacySwitch.begin(millis());
  configured = checkConfiguration();
  if (!configured) {
    led.setPattern(porthole::LedPattern::Fault);
    return;  // stay up, blinking the fault, so the serial log can be read; no restart loop
  }
  if (!camera.begin(PORTHOLE_FRAME_SIZE, PORTHOLE_JPEG_QUALITY)) power::restartCleanly("camera init failed");
  wifi.begin(PORTHOLE_WIFI_SSID, PORTHOLE_WIFI_PASSWORD, lowTxPower);
  // Booting with the switch off: make sure the site shows the loop.
  if (!privacySwitch.cameraOn()) controlOutbox.request(true, millis());
  Serial.printf("[porthole] relay %s%s, switch %s\n", relay.hostHeader, relay.basePath,
                privacySwitch.cameraOn() ? "on" : "off");
}

void loop() {
  const uint32_t now = millis();
  watchdog::feed();
  if (!configured) {
    delay(20);
    return;
  }
  if (privacySwitch.update(now)) {
    const bool on = privacySwitch.cameraOn();
    Serial.printf("[switch] camera %s\n", on ? "on" : "off");
    controlOutbox.request(!on, now);
    if (!on) dropFrame();  // off means off: not even the frame in flight goes out
    nextCaptureMs = now;
  }
  const bool online = wifi.update(now);
  led.setPattern(!online        ? porthole::LedPattern::Connecting
                 : tokenRefused ? porthole::LedPattern::Fault
                                : porthole::LedPattern::Off);
  if (online) {
    sendControlIfDue(now);
    if (privacySwitch.cameraOn()) captureOrUpload(millis());
  }
  delay(2);
}
