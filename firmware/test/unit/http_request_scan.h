// Splits the bytes a client wrote into complete HTTP requests (head + Content-Length body).
#pragma once

#include <cstddef>
#include <map>
#include <string>

struct ScannedRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool headComplete = false;
  bool complete = false;
  size_t consumed = 0;  // bytes of input this request spans (when complete)
};

// Parses the request at the start of `input`. A request whose head is complete but whose body is
// not yet all there has headComplete && !complete, with `body` holding what arrived.
ScannedRequest scanRequest(const std::string& input);

std::string headerOr(const ScannedRequest& r, const std::string& name, const std::string& fallback = "");
