#include "watchdog.h"

#include <esp_task_wdt.h>

namespace watchdog {

static bool running = false;

void begin(uint32_t timeoutS) {
  // Arduino already runs the task watchdog for the idle tasks; this re-arms it with our timeout
  // and a panic (reset) when it fires, then watches the loop task too.
  esp_task_wdt_init(timeoutS, true);
  running = esp_task_wdt_add(nullptr) == ESP_OK;
}

void feed() {
  if (running) esp_task_wdt_reset();
}

}  // namespace watchdog
