// Arduino IDE entry point: the IDE needs a .ino named after its folder. setup() and loop() are in
// main.cpp; install ../lib/porthole as a library and put secrets.h next to this file (see README).
