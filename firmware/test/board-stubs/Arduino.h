// Stub of the Arduino-ESP32 core API used by the board code (declarations only).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "esp_system.h"

#define HIGH 0x1
#define LOW 0x0
#define INPUT 0x01
#define OUTPUT 0x03
#define INPUT_PULLUP 0x05

extern "C" {
unsigned long millis();
void delay(uint32_t ms);
void yield();
void pinMode(uint8_t pin, uint8_t mode);
void digitalWrite(uint8_t pin, uint8_t val);
int digitalRead(uint8_t pin);
bool psramFound();
}

class Print {
 public:
  virtual ~Print() = default;
  virtual size_t write(uint8_t) = 0;
  size_t printf(const char* format, ...) __attribute__((format(printf, 2, 3)));
  size_t println(const char* text);
};

class HardwareSerial : public Print {
 public:
  void begin(unsigned long baud);
  void flush();
  size_t write(uint8_t) override;
};
extern HardwareSerial Serial;

class EspClass {
 public:
  void restart();
};
extern EspClass ESP;
