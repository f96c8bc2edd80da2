// Runs every registered test; an optional argument filters tests by a substring of their title.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "check.h"

namespace {

struct Case {
  const char* title;
  check::TestFn fn;
};

std::vector<Case>& cases() {
  static std::vector<Case> all;
  return all;
}

std::vector<std::string> currentFailures;
int countingDepth = 0;
int suspendDepth = 0;
size_t allocations = 0;

}  // namespace

void* operator new(std::size_t size) {
  if (countingDepth > 0 && suspendDepth == 0) ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace check {

bool add(const char* title, TestFn fn) {
  cases().push_back({title, fn});
  return true;
}

void fail(const char* file, int line, const std::string& message) {
  const char* base = std::strrchr(file, '/');
  currentFailures.push_back(std::string(base != nullptr ? base + 1 : file) + ":" + std::to_string(line) +
                            ": " + message);
}

CountAllocations::CountAllocations() {
  if (countingDepth++ == 0) allocations = 0;
}
CountAllocations::~CountAllocations() { --countingDepth; }
size_t CountAllocations::count() const { return allocations; }
NotCounted::NotCounted() { ++suspendDepth; }
NotCounted::~NotCounted() { --suspendDepth; }

}  // namespace check

int main(int argc, char** argv) {
  const char* filter = argc > 1 ? argv[1] : nullptr;
  int passed = 0;
  int failed = 0;
  for (const Case& c : cases()) {
    if (filter != nullptr && std::strstr(c.title, filter) == nullptr) continue;
    currentFailures.clear();
    try {
      c.fn();
    } catch (const std::exception& e) {
      currentFailures.push_back(std::string("threw: ") + e.what());
    }
    if (currentFailures.empty()) {
      ++passed;
    } else {
      ++failed;
      std::printf("FAIL %s\n", c.title);
      const size_t shown = currentFailures.size() < 10 ? currentFailures.size() : 10;
      for (size_t i = 0; i < shown; ++i) std::printf("  %s\n", currentFailures[i].c_str());
      if (currentFailures.size() > shown) std::printf("  ... %zu more\n", currentFailures.size() - shown);
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
