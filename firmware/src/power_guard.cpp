#include "power_guard.h"

#include <Arduino.h>
#include <WiFi.h>
#include <esp_attr.h>
#include <esp_camera.h>
#include <esp_sleep.h>
#include <esp_system.h>

#include <porthole.h>

#include "watchdog.h"

namespace power {

// RTC_NOINIT memory survives a software or brown-out reset but not a power cycle; the magic value
// tells a fresh power-up (garbage) from our own bookkeeping.
static constexpr uint32_t kMagic = 0x504f5254;  // "PORT"
namespace {
RTC_NOINIT_ATTR uint32_t magic;
RTC_NOINIT_ATTR uint32_t badResets;
RTC_NOINIT_ATTR uint32_t brownouts;
RTC_NOINIT_ATTR uint32_t restartRequested;
}  // namespace

static bool isUnclean(esp_reset_reason_t reason) {
  return reason == ESP_RST_BROWNOUT || reason == ESP_RST_PANIC || reason == ESP_RST_INT_WDT ||
         reason == ESP_RST_TASK_WDT || reason == ESP_RST_WDT;
}

bool onBoot() {
  const esp_reset_reason_t reason = esp_reset_reason();
  if (magic != kMagic || reason == ESP_RST_POWERON) {
    magic = kMagic;
    badResets = 0;
    brownouts = 0;
    restartRequested = 0;
  }
  // restartCleanly() counts as unclean too: a camera that keeps failing must not loop.
  if (isUnclean(reason) || restartRequested != 0) ++badResets;
  if (reason == ESP_RST_BROWNOUT) ++brownouts;
  restartRequested = 0;

  const porthole::BootDecision decision = porthole::decideBoot(badResets, brownouts);
  Serial.printf("[boot] reset reason %d, unclean resets %u, brown-outs %u\n", static_cast<int>(reason),
                static_cast<unsigned>(badResets), static_cast<unsigned>(brownouts));
  if (decision.deepSleepS > 0) {
    Serial.printf("[boot] too many failed starts: sleeping %u s\n",
                  static_cast<unsigned>(decision.deepSleepS));
    Serial.flush();
    esp_sleep_enable_timer_wakeup(static_cast<uint64_t>(decision.deepSleepS) * 1000000ULL);
    esp_deep_sleep_start();
  }
  for (uint32_t waited = 0; waited < decision.waitMs; waited += 100) {
    watchdog::feed();
    delay(100);
  }
  return decision.lowTxPower;
}

void markHealthy() {
  badResets = 0;
  brownouts = 0;
}

void restartCleanly(const char* why) {
  Serial.printf("[restart] %s\n", why);
  Serial.flush();
  restartRequested = 1;
  esp_camera_deinit();
  WiFi.disconnect(true);
  delay(200);
  ESP.restart();
  for (;;) {
  }
}

}  // namespace power
