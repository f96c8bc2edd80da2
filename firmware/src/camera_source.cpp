#include "camera_source.h"

#include <Arduino.h>

#include "board_pins.h"
#include "watchdog.h"

bool CameraSource::begin(framesize_t size, int jpegQuality) {
  psram_ = psramFound();
  camera_config_t config = {};
  config.pin_pwdn = CAM_PIN_PWDN;
  config.pin_reset = CAM_PIN_RESET;
  config.pin_xclk = CAM_PIN_XCLK;
  config.pin_sccb_sda = CAM_PIN_SIOD;
  config.pin_sccb_scl = CAM_PIN_SIOC;
  config.pin_d7 = CAM_PIN_D7;
  config.pin_d6 = CAM_PIN_D6;
  config.pin_d5 = CAM_PIN_D5;
  config.pin_d4 = CAM_PIN_D4;
  config.pin_d3 = CAM_PIN_D3;
  config.pin_d2 = CAM_PIN_D2;
  config.pin_d1 = CAM_PIN_D1;
  config.pin_d0 = CAM_PIN_D0;
  config.pin_vsync = CAM_PIN_VSYNC;
  config.pin_href = CAM_PIN_HREF;
  config.pin_pclk = CAM_PIN_PCLK;
  config.xclk_freq_hz = 20000000;
  config.ledc_timer = LEDC_TIMER_0;
  config.ledc_channel = LEDC_CHANNEL_0;
  // The sensor compresses in hardware; grayscale comes from its colour effect below, so the chip
  // never holds an uncompressed frame.
  config.pixel_format = PIXFORMAT_JPEG;
  config.jpeg_quality = jpegQuality;
  if (psram_) {
    config.frame_size = size;
    config.fb_count = 2;
    config.fb_location = CAMERA_FB_IN_PSRAM;
    config.grab_mode = CAMERA_GRAB_LATEST;  // the buffer we get is the newest, not one queued earlier
  } else {
    config.frame_size = size > FRAMESIZE_CIF ? FRAMESIZE_CIF : size;
    config.fb_count = 1;
    config.fb_location = CAMERA_FB_IN_DRAM;
    config.grab_mode = CAMERA_GRAB_WHEN_EMPTY;
  }
  const esp_err_t err = esp_camera_init(&config);
  if (err != ESP_OK) {
    Serial.printf("[camera] init failed: 0x%x\n", static_cast<unsigned>(err));
    return false;
  }
  sensor_t* sensor = esp_camera_sensor_get();
  if (sensor == nullptr) return false;
  sensor->set_special_effect(sensor, 2);  // 2 = grayscale
  Serial.printf("[camera] ready, %s PSRAM, frame size %d, quality %d\n", psram_ ? "with" : "without",
                static_cast<int>(config.frame_size), jpegQuality);
  return true;
}

camera_fb_t* CameraSource::capture(int attempts) {
  for (int i = 0; i < attempts; ++i) {
    camera_fb_t* frame = esp_camera_fb_get();
    if (frame != nullptr && frame->format == PIXFORMAT_JPEG && frame->len > 0) return frame;
    if (frame != nullptr) esp_camera_fb_return(frame);
    Serial.printf("[camera] capture %d of %d failed\n", i + 1, attempts);
    watchdog::feed();
    delay(200);
  }
  return nullptr;
}

void CameraSource::release(camera_fb_t* frame) {
  if (frame != nullptr) esp_camera_fb_return(frame);
}
