#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "esp_err.h"
#include "freertos/task.h"

// ESP-IDF 4.4 signature (the one under Arduino-ESP32 2.0.x): timeout in seconds.
extern "C" {
esp_err_t esp_task_wdt_init(uint32_t timeout, bool panic);
esp_err_t esp_task_wdt_add(TaskHandle_t handle);
esp_err_t esp_task_wdt_reset(void);
}
