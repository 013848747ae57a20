#include "core/source_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

namespace connlint {

SourceText::SourceText(std::string content) : content_(std::move(content)) {
  line_starts_.push_back(0);
  // memchr finds the next newline many bytes at a time (the index is built for every file read).
  const char* begin = content_.data();
  const char* end = begin + content_.size();
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr; ++p)
    line_starts_.push_back(static_cast<std::uint32_t>(p - begin + 1));
  valid_utf8_ = is_valid_utf8(content_);
}

std::string_view SourceText::line(std::size_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::size_t begin = line_starts_[line - 1];
  std::size_t end = line < line_starts_.size() ? line_starts_[line] - 1 : content_.size();
  if (end > begin && content_[end - 1] == '\r') --end;
  return std::string_view(content_).substr(begin, end - begin);
}

bool is_valid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size(), i = 0;
  while (i < n) {
    // Source code is mostly ASCII: skip eight ASCII bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid too.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

static std::string human_size(std::uint64_t bytes) {
  std::ostringstream out;
  out.precision(1);
  out << std::fixed << static_cast<double>(bytes) / (1024.0 * 1024.0) << " MiB";
  return out.str();
}

RawFile read_file_bytes(const std::string& absolute_path, std::uint64_t max_bytes) {
  RawFile result;
  // open + fstat + read: one buffer, no stream (every file of a project is read, most of them twice). O_NONBLOCK so
  // that a FIFO does not block the open; fstat then refuses it like any file that is not regular.
  int fd = ::open(absolute_path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    result.skip_reason = std::string("cannot read: ") + std::strerror(errno);
    return result;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    result.skip_reason = std::string("cannot read: ") + std::strerror(errno);
    return result;
  }
  if (!S_ISREG(st.st_mode)) {
    result.skip_reason = "not a regular file";
    return result;
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    result.skip_reason = "skipped: " + human_size(st.st_size) + " is over the " + human_size(max_bytes) +
                         " limit (--max-file-size)";
    return result;
  }
  std::string content;
  content.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (got < content.size()) {  // a file that shrank since fstat is read as it is now
    ssize_t n = ::read(fd, content.data() + got, content.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      result.skip_reason = std::string("cannot read: ") + std::strerror(errno);
      return result;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  content.resize(got);
  std::string_view head(content.data(), std::min<std::size_t>(content.size(), 8192));
  if (head.find('\0') != std::string_view::npos) {
    result.skip_reason = "skipped: binary file (contains NUL bytes)";
    return result;
  }
  result.content = std::move(content);
  return result;
}

ReadResult read_source_file(const std::string& absolute_path, std::uint64_t max_bytes) {
  RawFile raw = read_file_bytes(absolute_path, max_bytes);
  ReadResult result;
  result.skip_reason = std::move(raw.skip_reason);
  if (raw.content) result.text.emplace(std::move(*raw.content));
  return result;
}

}  // namespace connlint
