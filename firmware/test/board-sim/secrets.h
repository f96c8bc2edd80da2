// secrets.h for the board simulation: values come from the environment at run time.
#pragma once

const char* simEnv(const char* name, const char* fallback);

#define PORTHOLE_WIFI_SSID "porthole-sim"
#define PORTHOLE_WIFI_PASSWORD "porthole-sim"
#define PORTHOLE_RELAY_URL simEnv("PORTHOLE_SIM_RELAY", "https://127.0.0.1:8787/")
#define PORTHOLE_TOKEN simEnv("PORTHOLE_SIM_TOKEN", "")
static const char PORTHOLE_ROOT_CA[] =
    "-----BEGIN CERTIFICATE-----\nc2ltdWxhdGVkIHJvb3Q=\n-----END CERTIFICATE-----\n";
#define PORTHOLE_INTERVAL 400
