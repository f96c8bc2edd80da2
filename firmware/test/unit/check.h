// A tiny test harness: TEST("sentence") { CHECK(...); CHECK_EQ(a, b); }. Failures are collected
// and reported per test; the run ends with "N passed, M failed".
#pragma once

#include <cstddef>
#include <sstream>
#include <string>
#include <type_traits>

namespace check {

using TestFn = void (*)();
bool add(const char* title, TestFn fn);
void fail(const char* file, int line, const std::string& message);

// Heap allocations counted while a CountAllocations is alive (see test_main.cpp), to prove the
// upload loop does not allocate. Fakes wrap their own bookkeeping in a NotCounted.
struct CountAllocations {
  CountAllocations();
  ~CountAllocations();
  size_t count() const;
};
struct NotCounted {
  NotCounted();
  ~NotCounted();
};

template <typename T>
std::string show(const T& value) {
  std::ostringstream out;
  if constexpr (std::is_enum_v<T>) {
    out << "enum " << static_cast<long long>(value);
  } else {
    out << value;
  }
  return out.str();
}
inline std::string show(const std::string& value) { return '"' + value + '"'; }
inline std::string show(const char* value) {
  return value == nullptr ? "(null)" : '"' + std::string(value) + '"';
}
inline std::string show(bool value) { return value ? "true" : "false"; }
inline std::string show(unsigned char value) { return std::to_string(static_cast<unsigned>(value)); }

}  // namespace check

#define CHECK_CAT2(a, b) a##b
#define CHECK_CAT(a, b) CHECK_CAT2(a, b)
#define TEST_AT(title, fn)                                         \
  static void fn();                                                \
  static const bool CHECK_CAT(fn, _added) = check::add(title, fn); \
  static void fn()
#define TEST(title) TEST_AT(title, CHECK_CAT(test_at_line_, __LINE__))

#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) check::fail(__FILE__, __LINE__, "CHECK(" #cond ")"); \
  } while (0)

#define CHECK_EQ(actual, expected)                                                                        \
  do {                                                                                                    \
    const auto& check_a = (actual);                                                                       \
    const auto& check_e = (expected);                                                                     \
    if (!(check_a == check_e)) {                                                                          \
      check::fail(__FILE__, __LINE__,                                                                     \
                  std::string(#actual " == " #expected ": got ") + check::show(check_a) + ", expected " + \
                      check::show(check_e));                                                              \
    }                                                                                                     \
  } while (0)

#define CHECK_STREQ(actual, expected) \
  CHECK_EQ(std::string((actual) == nullptr ? "(null)" : (actual)), std::string(expected))
