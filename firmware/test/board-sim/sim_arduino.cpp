// Arduino core, ESP system calls and the camera for the simulation.
#include <Arduino.h>
#include <esp_camera.h>
#include <esp_sleep.h>
#include <esp_system.h>
#include <esp_task_wdt.h>

#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "board_pins.h"
#include "frame_folder.h"
#include "sim_log.h"

namespace {

const auto started = std::chrono::steady_clock::now();
uint8_t gpioLevel[64];
uint8_t gpioMode[64];
uint32_t lastWatchdogFeed = 0;
uint32_t longestWatchdogGap = 0;
bool watchdogArmed = false;

struct SwitchChange {
  uint32_t atMs;
  bool on;
};

// "on,off@2500,on@4500": the position at start, then changes at the given times.
std::vector<SwitchChange> switchSchedule() {
  std::vector<SwitchChange> changes;
  std::string spec = simEnv("PORTHOLE_SIM_SWITCH", "on");
  size_t pos = 0;
  while (pos <= spec.size()) {
    const size_t comma = spec.find(',', pos);
    const std::string item = spec.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    const size_t at = item.find('@');
    changes.push_back({at == std::string::npos ? 0u : static_cast<uint32_t>(std::stoul(item.substr(at + 1))),
                       item.substr(0, at) == "on"});
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return changes;
}

}  // namespace

const char* simEnv(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : fallback;
}

uint32_t simNowMs() {
  return static_cast<uint32_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
          .count());
}

void simEvent(const char* format, ...) {
  char text[400];
  va_list args;
  va_start(args, format);
  std::vsnprintf(text, sizeof text, format, args);
  va_end(args);
  std::printf("[sim t=%u] %s\n", simNowMs(), text);  // one call: lines from two threads stay whole
  std::fflush(stdout);
}

uint32_t simLongestWatchdogGap() { return longestWatchdogGap; }

extern "C" {
unsigned long millis() { return simNowMs(); }
void delay(uint32_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }
void yield() {}
void pinMode(uint8_t pin, uint8_t mode) {
  gpioMode[pin] = mode;
  gpioLevel[pin] = mode == INPUT_PULLUP ? HIGH : LOW;
}
void digitalWrite(uint8_t pin, uint8_t val) {
  if (pin == PORTHOLE_LED_PIN && gpioLevel[pin] != val) {
    const bool lit = (val == HIGH) != (PORTHOLE_LED_ACTIVE_LOW != 0);
    simEvent("led %s", lit ? "on" : "off");
  }
  gpioLevel[pin] = val;
}
int digitalRead(uint8_t pin) {
  if (pin != PORTHOLE_SWITCH_PIN) return gpioLevel[pin];
  static const std::vector<SwitchChange> schedule = switchSchedule();
  bool on = false;
  for (const SwitchChange& c : schedule) {
    if (c.atMs <= simNowMs()) on = c.on;
  }
  return on ? LOW : HIGH;  // closed to GND = on
}
bool psramFound() { return true; }

esp_reset_reason_t esp_reset_reason(void) { return ESP_RST_POWERON; }
uint32_t esp_random(void) { return static_cast<uint32_t>(std::rand()); }
esp_err_t esp_sleep_enable_timer_wakeup(uint64_t) { return ESP_OK; }
void esp_deep_sleep_start(void) {
  simEvent("deep sleep");
  std::_Exit(4);
}

esp_err_t esp_task_wdt_init(uint32_t timeout, bool panic) {
  simEvent("watchdog %u s, panic %s", timeout, panic ? "on" : "off");
  return ESP_OK;
}
esp_err_t esp_task_wdt_add(TaskHandle_t) {
  watchdogArmed = true;
  lastWatchdogFeed = simNowMs();
  return ESP_OK;
}
esp_err_t esp_task_wdt_reset(void) {
  const uint32_t now = simNowMs();
  if (watchdogArmed && now - lastWatchdogFeed > longestWatchdogGap)
    longestWatchdogGap = now - lastWatchdogFeed;
  lastWatchdogFeed = now;
  return ESP_OK;
}
}

size_t Print::printf(const char* format, ...) {
  char line[512];
  va_list args;
  va_start(args, format);
  const int n = std::vsnprintf(line, sizeof line, format, args);
  va_end(args);
  std::printf("[board t=%u] %s", simNowMs(), line);
  std::fflush(stdout);
  return n > 0 ? static_cast<size_t>(n) : 0;
}
size_t Print::println(const char* text) { return printf("%s\n", text); }
void HardwareSerial::begin(unsigned long) {}
void HardwareSerial::flush() { std::fflush(stdout); }
size_t HardwareSerial::write(uint8_t c) { return std::fputc(c, stdout) == EOF ? 0 : 1; }
HardwareSerial Serial;

void EspClass::restart() {
  simEvent("restart");
  std::_Exit(3);
}
EspClass ESP;

// --- camera: the JPEG files of PORTHOLE_SIM_FRAMES, in name order, round and round ---

namespace {
std::vector<std::string> framePaths;
size_t nextFrame = 0;
int outstanding = 0;
int sensorEffect = -1;
int setEffect(sensor_t*, int effect) {
  sensorEffect = effect;
  simEvent("sensor special effect %d", effect);
  return 0;
}
sensor_t sensor = {setEffect, nullptr, nullptr, nullptr, nullptr};
}  // namespace

int simOutstandingFrames() { return outstanding; }

extern "C" {
esp_err_t esp_camera_init(const camera_config_t* config) {
  framePaths = listFrames(simEnv("PORTHOLE_SIM_FRAMES", "."));
  simEvent("camera init: format %d, frame size %d, quality %d, %zu buffers in %s, grab %s, sda %d scl %d",
           config->pixel_format, config->frame_size, config->jpeg_quality, config->fb_count,
           config->fb_location == CAMERA_FB_IN_PSRAM ? "PSRAM" : "DRAM",
           config->grab_mode == CAMERA_GRAB_LATEST ? "latest" : "when empty", config->pin_sccb_sda,
           config->pin_sccb_scl);
  return framePaths.empty() ? ESP_FAIL : ESP_OK;
}
esp_err_t esp_camera_deinit() { return ESP_OK; }
camera_fb_t* esp_camera_fb_get() {
  if (framePaths.empty()) return nullptr;
  std::vector<unsigned char> bytes;
  const std::string& path = framePaths[nextFrame++ % framePaths.size()];
  if (!readFrame(path, bytes)) return nullptr;
  auto* fb = new camera_fb_t{};
  fb->buf = new uint8_t[bytes.size()];
  std::memcpy(fb->buf, bytes.data(), bytes.size());
  fb->len = bytes.size();
  fb->format = PIXFORMAT_JPEG;
  ++outstanding;
  simEvent("capture %s (%zu bytes)", path.substr(path.find_last_of('/') + 1).c_str(), bytes.size());
  return fb;
}
void esp_camera_fb_return(camera_fb_t* fb) {
  --outstanding;
  delete[] fb->buf;
  delete fb;
}
sensor_t* esp_camera_sensor_get() { return &sensor; }
}

// --- FreeRTOS: tasks are threads, critical sections one lock ---

#include <freertos/task.h>

#include <mutex>

namespace {
std::recursive_mutex critical;
}

extern "C" {
BaseType_t xTaskCreatePinnedToCore(TaskFunction_t code, const char* name, uint32_t, void* parameters,
                                   UBaseType_t, TaskHandle_t*, BaseType_t) {
  simEvent("task %s started", name);
  std::thread(code, parameters).detach();
  return pdPASS;
}
void vTaskDelay(TickType_t ticks) { std::this_thread::sleep_for(std::chrono::milliseconds(ticks)); }
void vPortEnterCritical(portMUX_TYPE*) { critical.lock(); }
void vPortExitCritical(portMUX_TYPE*) { critical.unlock(); }
}
