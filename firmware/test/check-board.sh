#!/bin/sh
# Checks the board program as far as a machine without the ESP32 toolchain can: compiles every
# board file and the library against stub declarations of the Arduino-ESP32 2.0.x / esp32-camera
# APIs (test/board-stubs), for both boards, as C++17 (PlatformIO) and gnu++11 (Arduino IDE
# default), with the ESP32 build's -fno-exceptions -fno-rtti; then checks that a missing
# secrets.h or board selection fails with a clear message, and that nothing calls setInsecure().
set -eu
cd "$(dirname "$0")/.."
CXX="${CXX:-g++}"
OUT=build/check-board
mkdir -p "$OUT/secrets"
cp include/secrets.example.h "$OUT/secrets/secrets.h"
FLAGS="-Wall -Wextra -Werror -fno-exceptions -fno-rtti -Itest/board-stubs -Ilib/porthole/src"
count=0

fail() {
  echo "check-board: $*" >&2
  exit 1
}

for std in gnu++17 gnu++11; do
  for board in AI_THINKER WROVER_KIT; do
    for file in src/*.cpp lib/porthole/src/porthole/*.cpp; do
      "$CXX" -std=$std $FLAGS -DPORTHOLE_BOARD_$board -I"$OUT/secrets" -c "$file" -o "$OUT/unit.o" ||
        fail "$file does not compile for $board ($std)"
      count=$((count + 1))
    done
  done
done

# The Arduino IDE defines ARDUINO but passes no board flag: the AI-Thinker map is the default there.
for file in src/*.cpp; do
  "$CXX" -std=gnu++11 $FLAGS -DARDUINO=10819 -I"$OUT/secrets" -c "$file" -o "$OUT/unit.o" ||
    fail "$file does not compile as the Arduino IDE would build it"
  count=$((count + 1))
done

# The Arduino IDE shim must stay free of code: setup() and loop() live in main.cpp.
if grep -v '^[[:space:]]*//' src/src.ino | grep -q '[^[:space:]]'; then fail "src/src.ino must hold comments only"; fi

expect_error() { # file, message, extra flags...
  file=$1
  message=$2
  shift 2
  if "$CXX" -std=gnu++17 $FLAGS "$@" -c "$file" -o "$OUT/unit.o" 2>"$OUT/stderr.txt"; then
    fail "$file compiled although it should fail with: $message"
  fi
  grep -q "$message" "$OUT/stderr.txt" || fail "$file failed without saying: $message"
  count=$((count + 1))
}
expect_error src/main.cpp "secrets.h is missing" -DPORTHOLE_BOARD_AI_THINKER
expect_error src/camera_source.cpp "Select a board" -I"$OUT/secrets"
# The capture interval has the camera's name and reading (milliseconds); the old name and seconds are refused.
expect_error src/main.cpp "PORTHOLE_INTERVAL_MS is now PORTHOLE_INTERVAL" -DPORTHOLE_BOARD_AI_THINKER -I"$OUT/secrets" \
  -DPORTHOLE_INTERVAL_MS=3000
expect_error src/main.cpp "PORTHOLE_INTERVAL is in milliseconds" -DPORTHOLE_BOARD_AI_THINKER -I"$OUT/secrets" \
  -DPORTHOLE_INTERVAL=2

if grep -rn "setInsecure" src lib | grep -v '^[^:]*:[0-9]*:[[:space:]]*//' | grep -q .; then
  fail "the board code must never call setInsecure()"
fi

echo "check-board: $count compilations against the ESP32 API stubs, secrets and board guards ok"
