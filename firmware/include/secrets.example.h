// Template for include/secrets.h, which holds this camera's secrets and is never committed
// (.gitignore lists it). Copy this file to include/secrets.h and fill in every value:
//   cp include/secrets.example.h include/secrets.h
// Arduino IDE: put the copy next to src/src.ino instead (src/secrets.h, also git-ignored).
#pragma once

// Wi-Fi network the camera joins (2.4 GHz only).
#define PORTHOLE_WIFI_SSID "your-network"
#define PORTHOLE_WIFI_PASSWORD "your-wifi-password"

// The relay's public base URL. Must be https://: the board uploads over TLS only.
#define PORTHOLE_RELAY_URL "https://porthole.example.org/"

// The relay's bearer token (the content of its --token-file / PORTHOLE_TOKEN), 16+ characters.
#define PORTHOLE_TOKEN "paste-the-relay-token-here"

// Root certificate (PEM) of the CA that signed the relay's TLS certificate. Without it the board
// refuses to upload; it never skips certificate checks. To see the chain your relay sends:
//   openssl s_client -connect porthole.example.org:443 -showcerts </dev/null
// and take the last certificate (or your CA's published root, e.g. ISRG Root X1 for Let's Encrypt).
static const char PORTHOLE_ROOT_CA[] = R"PEM(
paste the root CA here, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----
)PEM";

// Optional overrides of src/settings.h, for example:
// #define PORTHOLE_INTERVAL 3000
// #define PORTHOLE_FRAME_SIZE FRAMESIZE_SVGA
