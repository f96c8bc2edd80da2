// The OV2640 as a source of grayscale JPEG frames, sized for the PSRAM the board has.
#pragma once

#include <esp_camera.h>

class CameraSource {
 public:
  // Configures the sensor (JPEG, grayscale effect) for the given size and quality. With PSRAM, two
  // frame buffers there and "latest" grabbing; without, one buffer in DRAM and at most CIF size.
  bool begin(framesize_t size, int jpegQuality);
  // A fresh frame, trying a few times; nullptr if the camera keeps failing (the caller restarts).
  camera_fb_t* capture(int attempts);
  void release(camera_fb_t* frame);

 private:
  bool psram_ = false;
};
