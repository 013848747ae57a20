// libFuzzer target: the language server's message reader (Content-Length framing + JSON) on arbitrary bytes.
//
// The input is the whole stream from the editor; messages are read until the end, as the server's loop does. Every
// read must end in one of the statuses, and a too-large or malformed frame must not stop the next from being read.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "lsp/jsonrpc.h"

namespace {

connlint::lsp::Writer& sink() {
  static connlint::lsp::Writer writer(std::fopen("/dev/null", "w"));
  return writer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using connlint::lsp::ReadResult;
  // fmemopen refuses an empty buffer; an empty stream is covered by any input whose frames are all consumed.
  if (size == 0) return 0;
  std::FILE* in = fmemopen(const_cast<std::uint8_t*>(data), size, "rb");
  if (!in) {
    std::perror("fmemopen");
    std::abort();
  }
  // Each read consumes at least one byte or ends the stream, so the bound is only a guard against a reader bug.
  for (std::size_t reads = 0;; ++reads) {
    if (reads > size + 1) {
      std::fprintf(stderr, "read_message returned %zu times on %zu bytes without reaching the end\n", reads, size);
      std::abort();
    }
    ReadResult r = connlint::lsp::read_message(in);
    if (r.status == ReadResult::Status::End) break;
    // The server answers a bad frame with its error text, and echoes parts of good ones back: both must encode.
    if (r.status == ReadResult::Status::Message)
      sink().send(r.message);
    else
      sink().send({{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", -32700}, {"message", r.error}}}});
  }
  std::fclose(in);
  return 0;
}
