#include "fake_tus_server.h"

#include <algorithm>
#include <cstring>

#include "check.h"
#include "http_request_scan.h"

using porthole::IoResult;
using porthole::IoStatus;

namespace {
std::string header(const std::map<std::string, std::string>& h, const std::string& name) {
  const auto it = h.find(name);
  return it == h.end() ? "" : it->second;
}
}  // namespace

std::vector<std::string> FakeTusServer::completedData() const {
  std::vector<std::string> out;
  for (const auto& entry : uploads) {
    if (entry.second.data.size() == entry.second.length) out.push_back(entry.second.data);
  }
  return out;
}

bool FakeTusServer::connect(const char*, uint16_t, uint32_t) {
  check::NotCounted quiet;
  ++connects;
  in_.clear();
  out_.clear();
  open_ = true;
  return true;
}

void FakeTusServer::reset() {
  keepPartialBody();
  in_.clear();
  out_.clear();
  open_ = false;
}

IoResult FakeTusServer::write(const uint8_t* data, size_t len, uint32_t) {
  check::NotCounted quiet;
  if (!open_) return {IoStatus::Error, 0};
  if (written >= writeLimit()) {
    ++writeReset_;
    reset();
    return {IoStatus::Error, 0};
  }
  const size_t n = static_cast<size_t>(std::min<uint64_t>(len, writeLimit() - written));
  in_.append(reinterpret_cast<const char*>(data), n);
  written += n;
  serveCompleteRequests();
  return {IoStatus::Ok, n};
}

IoResult FakeTusServer::read(uint8_t* buffer, size_t cap, uint32_t timeoutMs) {
  check::NotCounted quiet;
  if (!open_) return {IoStatus::Error, 0};
  if (written >= writeLimit() || readBytes >= readLimit()) {
    if (written >= writeLimit()) ++writeReset_;
    if (readBytes >= readLimit()) ++readReset_;
    reset();
    return {IoStatus::Error, 0};
  }
  if (out_.empty()) {
    clock_.advance(timeoutMs);
    return {IoStatus::Timeout, 0};
  }
  const size_t n = static_cast<size_t>(std::min<uint64_t>({cap, out_.size(), readLimit() - readBytes}));
  std::memcpy(buffer, out_.data(), n);
  out_.erase(0, n);
  readBytes += n;
  return {IoStatus::Ok, n};
}

void FakeTusServer::close() {
  check::NotCounted quiet;
  if (open_) reset();
}

void FakeTusServer::serveCompleteRequests() {
  for (;;) {
    const ScannedRequest r = scanRequest(in_);
    if (!r.complete) return;
    out_ += answer(r.method, r.path, r.headers, r.body);
    in_.erase(0, r.consumed);
  }
}

// The client vanished mid-body: store what arrived, as a streaming tus server does.
void FakeTusServer::keepPartialBody() {
  const ScannedRequest r = scanRequest(in_);
  if (!r.headComplete || r.complete || r.body.empty()) return;
  if (header(r.headers, "authorization") != "Bearer " + token) return;
  if (r.method == "POST" && r.path == "/files/") {
    Upload u;
    u.length = std::stoul(header(r.headers, "upload-length"));
    u.data = r.body;
    uploads["u" + std::to_string(nextId_++)] = u;
    log.push_back("POST /files/ partial");
  } else if (r.method == "PATCH") {
    const std::string id = r.path.substr(r.path.rfind('/') + 1);
    auto it = uploads.find(id);
    if (it != uploads.end() && std::to_string(it->second.data.size()) == header(r.headers, "upload-offset")) {
      it->second.data += r.body.substr(0, it->second.length - it->second.data.size());
      log.push_back("PATCH partial");
    }
  }
}

std::string FakeTusServer::reply(int status, const std::string& extraHeaders) {
  std::string waves;
  if (wavesPerResponse > 0) waves = "Porthole-Waves: " + std::to_string(wavesPerResponse) + "\r\n";
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nTus-Resumable: 1.0.0\r\n" + waves + extraHeaders +
         "Content-Length: 0\r\n\r\n";
}

std::string FakeTusServer::answer(const std::string& method, const std::string& path,
                                  const std::map<std::string, std::string>& h, const std::string& body) {
  auto logged = [&](int status, const std::string& extra) {
    log.push_back(method + " " + path + " " + std::to_string(status));
    return reply(status, extra);
  };
  if (header(h, "authorization") != "Bearer " + token) return logged(401, "");
  if (method == "POST" && path == "/control") {
    pausedBody = body;
    return logged(204, "");
  }
  if (header(h, "tus-resumable") != "1.0.0") return logged(412, "");
  if (method == "POST" && path == "/files/") {
    Upload u;
    u.length = std::stoul(header(h, "upload-length"));
    if (body.size() > u.length) return logged(413, "");
    u.data = body;
    const std::string id = "u" + std::to_string(nextId_++);
    uploads[id] = u;
    const std::string location =
        (relativeLocation ? "" : "http://relay.test:9") + std::string("/files/") + id;
    return logged(201,
                  "Location: " + location + "\r\nUpload-Offset: " + std::to_string(u.data.size()) + "\r\n");
  }
  const std::string prefix = "/files/";
  if (path.compare(0, prefix.size(), prefix) != 0) return logged(404, "");
  auto it = uploads.find(path.substr(prefix.size()));
  if (it == uploads.end()) return logged(404, "");
  Upload& u = it->second;
  if (method == "HEAD") {
    return logged(200, "Upload-Offset: " + std::to_string(u.data.size()) + "\r\nUpload-Length: " +
                           std::to_string(u.length) + "\r\nCache-Control: no-store\r\n");
  }
  if (method == "PATCH") {
    if (header(h, "upload-offset") != std::to_string(u.data.size())) return logged(409, "");
    if (u.data.size() + body.size() > u.length) return logged(413, "");
    u.data += body;
    return logged(204, "Upload-Offset: " + std::to_string(u.data.size()) + "\r\n");
  }
  return logged(405, "");
}
