#include "waves.h"

namespace porthole {

bool parseWavesHeader(const char* value, size_t len, uint32_t& waves) {
  constexpr uint32_t kSaturation = 1000000;
  size_t i = 0;
  while (i < len && (value[i] == ' ' || value[i] == '\t')) ++i;
  size_t end = len;
  while (end > i && (value[end - 1] == ' ' || value[end - 1] == '\t')) --end;
  if (i == end) return false;
  uint32_t total = 0;
  for (; i < end; ++i) {
    const char c = value[i];
    if (c < '0' || c > '9') return false;
    total = total * 10 + static_cast<uint32_t>(c - '0');
    if (total > kSaturation) total = kSaturation;
  }
  waves = total;
  return true;
}

}  // namespace porthole
