#include "lsp/jsonrpc.h"

#include <cstring>

namespace connlint::lsp {

ReadResult read_message(std::FILE* in) {
  ReadResult r;
  std::size_t length = 0;
  bool have_length = false, any_header = false;
  char line[4096];
  while (true) {
    if (!std::fgets(line, sizeof line, in)) {
      r.status = ReadResult::Status::End;
      return r;
    }
    std::size_t n = std::strlen(line);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    if (n == 0) {
      if (any_header) break;
      continue;  // stray blank line between messages
    }
    any_header = true;
    if (strncasecmp(line, "Content-Length:", 15) == 0) {
      char* end = nullptr;
      unsigned long long v = std::strtoull(line + 15, &end, 10);
      if (end == line + 15) {
        r.status = ReadResult::Status::Malformed;
        r.error = "bad Content-Length header";
        return r;
      }
      length = static_cast<std::size_t>(v);
      have_length = true;
    }
  }
  if (!have_length) {
    r.status = ReadResult::Status::Malformed;
    r.error = "missing Content-Length header";
    return r;
  }
  if (length > kMaxMessageBytes) {
    // Skip the body without keeping it.
    char buf[65536];
    for (std::size_t left = length; left > 0;) {
      std::size_t got = std::fread(buf, 1, std::min(left, sizeof buf), in);
      if (got == 0) break;
      left -= got;
    }
    r.status = ReadResult::Status::TooLarge;
    r.error = "message of " + std::to_string(length) + " bytes is over the limit";
    return r;
  }
  std::string body(length, '\0');
  if (length && std::fread(body.data(), 1, length, in) != length) {
    r.status = ReadResult::Status::End;
    return r;
  }
  try {
    r.message = nlohmann::json::parse(body);
    r.status = ReadResult::Status::Message;
  } catch (const nlohmann::json::exception& e) {
    r.status = ReadResult::Status::Malformed;
    r.error = e.what();
  }
  return r;
}

void Writer::send(const nlohmann::json& message) {
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard<std::mutex> lock(mutex_);
  std::fprintf(out_, "Content-Length: %zu\r\n\r\n", body.size());
  std::fwrite(body.data(), 1, body.size(), out_);
  std::fflush(out_);
}

}  // namespace connlint::lsp
