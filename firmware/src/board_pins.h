// Pin maps. The camera maps are those of the boards' published schematics; the LED and the switch
// pins are chosen among the GPIOs the camera leaves free. Override any of them with -D flags.
#pragma once

// The Arduino IDE passes no build flags: there, the AI-Thinker ESP32-CAM (by far the most common
// board) is the default. WROVER-KIT owners building in the IDE change this line to
// PORTHOLE_BOARD_WROVER_KIT. PlatformIO selects the board in platformio.ini.
#if defined(ARDUINO) && !defined(PLATFORMIO) && !defined(PORTHOLE_BOARD_AI_THINKER) && \
    !defined(PORTHOLE_BOARD_WROVER_KIT)
#define PORTHOLE_BOARD_AI_THINKER
#endif

#if defined(PORTHOLE_BOARD_AI_THINKER)
// AI-Thinker ESP32-CAM
#define CAM_PIN_PWDN 32
#define CAM_PIN_RESET -1
#define CAM_PIN_XCLK 0
#define CAM_PIN_SIOD 26
#define CAM_PIN_SIOC 27
#define CAM_PIN_D7 35
#define CAM_PIN_D6 34
#define CAM_PIN_D5 39
#define CAM_PIN_D4 36
#define CAM_PIN_D3 21
#define CAM_PIN_D2 19
#define CAM_PIN_D1 18
#define CAM_PIN_D0 5
#define CAM_PIN_VSYNC 25
#define CAM_PIN_HREF 23
#define CAM_PIN_PCLK 22
#ifndef PORTHOLE_LED_PIN
#define PORTHOLE_LED_PIN 33  // the small red LED on the back; GPIO 4 is the blinding flash LED
#endif
#ifndef PORTHOLE_LED_ACTIVE_LOW
#define PORTHOLE_LED_ACTIVE_LOW 1
#endif
#ifndef PORTHOLE_SWITCH_PIN
#define PORTHOLE_SWITCH_PIN 13  // free when the SD card slot is unused; not a strapping pin
#endif

#elif defined(PORTHOLE_BOARD_WROVER_KIT)
// ESP-WROVER-KIT with the camera header
#define CAM_PIN_PWDN -1
#define CAM_PIN_RESET -1
#define CAM_PIN_XCLK 21
#define CAM_PIN_SIOD 26
#define CAM_PIN_SIOC 27
#define CAM_PIN_D7 35
#define CAM_PIN_D6 34
#define CAM_PIN_D5 39
#define CAM_PIN_D4 36
#define CAM_PIN_D3 19
#define CAM_PIN_D2 18
#define CAM_PIN_D1 5
#define CAM_PIN_D0 4
#define CAM_PIN_VSYNC 25
#define CAM_PIN_HREF 23
#define CAM_PIN_PCLK 22
#ifndef PORTHOLE_LED_PIN
#define PORTHOLE_LED_PIN 2  // green channel of the RGB LED (blue, GPIO 4, is camera D0)
#endif
#ifndef PORTHOLE_LED_ACTIVE_LOW
#define PORTHOLE_LED_ACTIVE_LOW 0
#endif
#ifndef PORTHOLE_SWITCH_PIN
#define PORTHOLE_SWITCH_PIN 32
#endif

#else
// clang-format off: the message must stay on one line to be read
#error \
    "Select a board: build with -DPORTHOLE_BOARD_AI_THINKER or -DPORTHOLE_BOARD_WROVER_KIT (platformio.ini does)"
// clang-format on
#endif
