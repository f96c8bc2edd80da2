// Stub of the FreeRTOS types and macros the board code uses (ESP-IDF 4.4 port, 1 kHz tick).
#pragma once
#include <stdint.h>

typedef int BaseType_t;
typedef unsigned int UBaseType_t;
typedef uint32_t TickType_t;
#define pdPASS 1
#define pdMS_TO_TICKS(ms) ((TickType_t)(ms))
#define tskNO_AFFINITY 0x7FFFFFFF

typedef struct {
  uint32_t owner;
  uint32_t count;
} portMUX_TYPE;
// clang-format off: as the vendor header writes it
#define portMUX_INITIALIZER_UNLOCKED \
  { 0xB33FFFFF, 0 }
// clang-format on

extern "C" {
void vPortEnterCritical(portMUX_TYPE* mux);
void vPortExitCritical(portMUX_TYPE* mux);
}
#define portENTER_CRITICAL(mux) vPortEnterCritical(mux)
#define portEXIT_CRITICAL(mux) vPortExitCritical(mux)
