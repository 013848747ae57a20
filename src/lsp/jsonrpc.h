#pragma once
// JSON-RPC 2.0 over a byte stream with LSP's `Content-Length` framing.
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace connlint::lsp {

// Messages larger than this are refused (and skipped) rather than buffered: a client bug must not exhaust memory.
inline constexpr std::size_t kMaxMessageBytes = 64u << 20;

struct ReadResult {
  enum class Status { Message, Malformed, TooLarge, End };
  Status status = Status::End;
  nlohmann::json message;
  std::string error;
};

// Reads one framed message. Malformed headers or JSON give Malformed (the stream stays usable when the frame
// length was readable); end of input gives End.
ReadResult read_message(std::FILE* in);

// Writes one framed message; safe to call from several threads.
class Writer {
 public:
  explicit Writer(std::FILE* out) : out_(out) {}
  void send(const nlohmann::json& message);

 private:
  std::FILE* out_;
  std::mutex mutex_;
};

}  // namespace connlint::lsp
