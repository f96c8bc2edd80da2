#include <string>

#include "check.h"
#include "porthole/http_response.h"

using porthole::ParseState;
using porthole::ResponseParser;

namespace {

// Feeds `text` in pieces of `piece` bytes; returns the bytes consumed in total.
size_t feedInPieces(ResponseParser& p, const std::string& text, size_t piece) {
  size_t used = 0;
  for (size_t i = 0; i < text.size() && !p.done() && !p.failed(); i += piece) {
    const size_t n = text.size() - i < piece ? text.size() - i : piece;
    used += p.feed(reinterpret_cast<const uint8_t*>(text.data() + i), n);
  }
  return used;
}

ResponseParser parse(const std::string& text, bool head = false, size_t piece = 1000000) {
  ResponseParser p;
  p.begin(head);
  feedInPieces(p, text, piece);
  return p;
}

const std::string kCreated =
    "HTTP/1.1 201 Created\r\n"
    "Location: http://127.0.0.1:8787/files/abc123\r\n"
    "Upload-Offset: 2048\r\n"
    "Tus-Resumable: 1.0.0\r\n"
    "porthole-waves: 3\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

}  // namespace

TEST("reads status, Location, Upload-Offset and Porthole-Waves from a tus 201") {
  const ResponseParser p = parse(kCreated);
  CHECK(p.done());
  CHECK_EQ(p.response().status, 201);
  CHECK(p.response().hasLocation);
  CHECK_STREQ(p.response().location, "http://127.0.0.1:8787/files/abc123");
  CHECK(p.response().hasUploadOffset);
  CHECK_EQ(p.response().uploadOffset, 2048u);
  CHECK(p.response().hasWaves);
  CHECK_EQ(p.response().waves, 3u);
  CHECK(p.response().keepAlive);
}

TEST("gives the same result whatever the size of the pieces the bytes arrive in") {
  for (size_t piece = 1; piece <= kCreated.size(); ++piece) {
    ResponseParser p;
    p.begin(false);
    const size_t used = feedInPieces(p, kCreated, piece);
    CHECK(p.done());
    CHECK_EQ(used, kCreated.size());
    CHECK_EQ(p.response().uploadOffset, 2048u);
    CHECK_STREQ(p.response().location, "http://127.0.0.1:8787/files/abc123");
  }
}

TEST("reads a Content-Length body and keeps its start as the reason") {
  const ResponseParser p =
      parse("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 26\r\n\r\nupload exceeds Tus-Max-Size");
  CHECK(p.done());
  CHECK_EQ(p.response().status, 413);
  CHECK_EQ(p.response().bodyBytes, 26u);
  CHECK_STREQ(p.response().bodySnippet, "upload exceeds Tus-Max-Siz");
}

TEST("stops at the end of a sized body and leaves the next bytes unconsumed") {
  ResponseParser p;
  p.begin(false);
  const std::string text = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1";
  const size_t used = p.feed(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  CHECK(p.done());
  CHECK_EQ(used, text.size() - 8);
}

TEST("decodes a chunked body with extensions and trailers") {
  const std::string text =
      "HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\n\r\n"
      "7;ext=1\r\noffset \r\nA\r\nconflict!!\r\n0\r\nX-Trailer: y\r\n\r\n";
  for (size_t piece : {1u, 2u, 5u, 1000u}) {
    const ResponseParser p = parse(text, false, piece);
    CHECK(p.done());
    CHECK_EQ(p.response().status, 409);
    CHECK(p.response().chunked);
    CHECK_STREQ(p.response().bodySnippet, "offset conflict!!");
    CHECK_EQ(p.response().bodyBytes, 17u);
  }
}

TEST("rejects a chunked body with a bad size line") {
  CHECK(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").failed());
  CHECK(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n123456789\r\n").failed());
  CHECK(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n").failed());
}

TEST("rejects transfer codings it cannot undo") {
  CHECK(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").failed());
  CHECK(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\n\r\n").failed());
}

TEST("expects no body after HEAD, 204 and 304 whatever Content-Length says") {
  CHECK(parse("HTTP/1.1 200 OK\r\nUpload-Offset: 5\r\nContent-Length: 100\r\n\r\n", true).done());
  CHECK(parse("HTTP/1.1 204 No Content\r\nContent-Length: 100\r\n\r\n").done());
  CHECK(parse("HTTP/1.1 304 Not Modified\r\n\r\n").done());
}

TEST("reads a body without length until the connection closes, then refuses to reuse it") {
  ResponseParser p = parse("HTTP/1.1 500 Oops\r\n\r\nsomething broke");
  CHECK(!p.done());
  CHECK_EQ(p.state(), ParseState::BodyUntilClose);
  p.endOfStream();
  CHECK(p.done());
  CHECK(!p.response().keepAlive);
  CHECK_STREQ(p.response().bodySnippet, "something broke");
}

TEST("fails when the connection closes before the response is complete") {
  ResponseParser p = parse("HTTP/1.1 204 No Content\r\nUpload-Off");
  p.endOfStream();
  CHECK(p.failed());
  ResponseParser q = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
  q.endOfStream();
  CHECK(q.failed());
  ResponseParser empty;
  empty.begin(false);
  empty.endOfStream();
  CHECK(empty.failed());
  CHECK(!empty.started());
}

TEST("skips interim 100 Continue responses") {
  const ResponseParser p =
      parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nUpload-Offset: 9\r\n\r\n");
  CHECK(p.done());
  CHECK_EQ(p.response().status, 204);
  CHECK_EQ(p.response().uploadOffset, 9u);
}

TEST("honours Connection: close and HTTP/1.0 defaults") {
  CHECK(!parse("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n").response().keepAlive);
  CHECK(!parse("HTTP/1.0 204 No Content\r\n\r\n").response().keepAlive);
  CHECK(parse("HTTP/1.0 204 No Content\r\nConnection: keep-alive\r\n\r\n").response().keepAlive);
}

TEST("matches header names case-insensitively and trims their values") {
  const ResponseParser p =
      parse("HTTP/1.1 204 No Content\r\nUPLOAD-OFFSET:   77  \r\nRetry-After: 5\r\n\r\n");
  CHECK_EQ(p.response().uploadOffset, 77u);
  CHECK_EQ(p.response().retryAfterS, 5u);
}

TEST("accepts bare LF line endings") {
  const ResponseParser p = parse("HTTP/1.1 204 No Content\nUpload-Offset: 12\n\n");
  CHECK(p.done());
  CHECK_EQ(p.response().uploadOffset, 12u);
}

TEST("rejects garbage instead of a status line") {
  CHECK(parse("SSH-2.0-OpenSSH_9.2\r\n").failed());
  CHECK(parse("<html><body>hello</body></html>\r\n").failed());
  CHECK(parse("HTTP/2 200\r\n\r\n").failed());
  CHECK(parse("HTTP/1.1 2x0 OK\r\n\r\n").failed());
  CHECK(parse("HTTP/1.1 20 OK\r\n\r\n").failed());
  CHECK(parse("HTTP/1.1 200OK\r\n\r\n").failed());
  CHECK(parse(std::string("HTTP/1.1 200 OK\r\n\0\r\n", 20)).failed());
  CHECK(parse("HTTP/1.1 200 OK\r\nX\rY: z\r\n\r\n").failed());
}

TEST("rejects an endless status line without waiting for its end") {
  const ResponseParser p = parse("HTTP/1.1 200 " + std::string(600, 'x'));
  CHECK(p.failed());
}

TEST("rejects a response head larger than its limit") {
  std::string text = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 400; ++i) text += "X-Filler: 0123456789\r\n";
  CHECK(parse(text).failed());
}

TEST("ignores a long unknown header but rejects a long Upload-Offset") {
  const ResponseParser ok =
      parse("HTTP/1.1 204 No Content\r\nX-Long: " + std::string(700, 'a') + "\r\nUpload-Offset: 4\r\n\r\n");
  CHECK(ok.done());
  CHECK_EQ(ok.response().uploadOffset, 4u);
  CHECK(parse("HTTP/1.1 204 No Content\r\nUpload-Offset: " + std::string(700, '1') + "\r\n\r\n").failed());
}

TEST("treats an over-long Location as missing") {
  const ResponseParser p = parse("HTTP/1.1 201 Created\r\nLocation: /files/" + std::string(300, 'a') +
                                 "\r\nContent-Length: 0\r\n\r\n");
  CHECK(p.done());
  CHECK(!p.response().hasLocation);
}

TEST("rejects malformed or conflicting numbers") {
  CHECK(parse("HTTP/1.1 204 No Content\r\nUpload-Offset: -1\r\n\r\n").failed());
  CHECK(parse("HTTP/1.1 204 No Content\r\nUpload-Offset: 12abc\r\n\r\n").failed());
  CHECK(parse("HTTP/1.1 204 No Content\r\nUpload-Offset: \r\n\r\n").failed());
  CHECK(parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n").failed());
  CHECK(parse("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n").failed());
}

TEST("rejects folded headers and nameless header lines") {
  CHECK(parse("HTTP/1.1 204 No Content\r\nX-A: 1\r\n  folded\r\n\r\n").failed());
  CHECK(parse("HTTP/1.1 204 No Content\r\n: no name\r\n\r\n").failed());
  CHECK(parse("HTTP/1.1 204 No Content\r\nno colon here\r\n\r\n").failed());
  CHECK(parse("HTTP/1.1 204 No Content\r\nBad Name: 1\r\n\r\n").failed());
}

TEST("ignores a malformed Porthole-Waves value rather than failing the upload") {
  const ResponseParser p =
      parse("HTTP/1.1 204 No Content\r\nPorthole-Waves: lots\r\nUpload-Offset: 3\r\n\r\n");
  CHECK(p.done());
  CHECK(!p.response().hasWaves);
  CHECK_EQ(p.response().uploadOffset, 3u);
}

TEST("stops reading a huge body at its cap and refuses to reuse the connection") {
  ResponseParser p;
  p.begin(false);
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n";
  p.feed(reinterpret_cast<const uint8_t*>(head.data()), head.size());
  const std::string chunk(4096, 'z');
  for (int i = 0; i < 100 && !p.done(); ++i)
    p.feed(reinterpret_cast<const uint8_t*>(chunk.data()), chunk.size());
  CHECK(p.done());
  CHECK(!p.response().keepAlive);
  CHECK_EQ(p.response().bodyBytes, ResponseParser::kMaxBody);
}

TEST("can be reused for the next response after begin()") {
  ResponseParser p = parse(kCreated);
  p.begin(true);
  const std::string next = "HTTP/1.1 200 OK\r\nUpload-Offset: 1\r\n\r\n";
  p.feed(reinterpret_cast<const uint8_t*>(next.data()), next.size());
  CHECK(p.done());
  CHECK(!p.response().hasLocation);
  CHECK(!p.response().hasWaves);
  CHECK_EQ(p.response().uploadOffset, 1u);
}
