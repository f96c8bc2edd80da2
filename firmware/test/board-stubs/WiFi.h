// Stub of the Arduino-ESP32 2.0.x WiFi API used by the board code.
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef enum { WIFI_OFF = 0, WIFI_STA = 1, WIFI_AP = 2, WIFI_AP_STA = 3 } wifi_mode_t;
typedef enum {
  WL_IDLE_STATUS = 0,
  WL_NO_SSID_AVAIL = 1,
  WL_SCAN_COMPLETED = 2,
  WL_CONNECTED = 3,
  WL_CONNECT_FAILED = 4,
  WL_CONNECTION_LOST = 5,
  WL_DISCONNECTED = 6,
} wl_status_t;
typedef enum {
  WIFI_POWER_19_5dBm = 78,
  WIFI_POWER_15dBm = 60,
  WIFI_POWER_11dBm = 44,
  WIFI_POWER_8_5dBm = 34,
} wifi_power_t;

class WiFiClass {
 public:
  void persistent(bool persistent);
  bool mode(wifi_mode_t mode);
  bool setHostname(const char* hostname);
  bool setAutoReconnect(bool autoReconnect);
  bool setSleep(bool enabled);
  bool setTxPower(wifi_power_t power);
  bool disconnect(bool wifioff = false, bool eraseap = false);
  wl_status_t begin(const char* ssid, const char* passphrase = nullptr, int32_t channel = 0,
                    const uint8_t* bssid = nullptr, bool connect = true);
  wl_status_t status();
  int8_t RSSI();
};
extern WiFiClass WiFi;

class WiFiClient {
 public:
  virtual ~WiFiClient() = default;
  virtual int connect(const char* host, uint16_t port);
  virtual int connect(const char* host, uint16_t port, int32_t timeout);
  virtual size_t write(const uint8_t* buf, size_t size);
  virtual int available();
  virtual int read(uint8_t* buf, size_t size);
  virtual void stop();
  virtual uint8_t connected();
  int setTimeout(uint32_t seconds);
};
