#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace connlint {

// The text of one input file plus a line index, so that byte offsets become line/column pairs and reporters can
// show the offending line.
class SourceText {
 public:
  SourceText() = default;
  explicit SourceText(std::string content);

  const std::string& content() const { return content_; }
  std::size_t line_count() const { return line_starts_.size(); }
  // 1-based line, without its line terminator ("" when out of range).
  std::string_view line(std::size_t line) const;
  bool valid_utf8() const { return valid_utf8_; }

 private:
  std::string content_;
  std::vector<std::uint32_t> line_starts_;
  bool valid_utf8_ = true;
};

bool is_valid_utf8(std::string_view text);

// Why a file could not be analysed; empty when it can.
struct ReadResult {
  std::optional<SourceText> text;
  std::string skip_reason;  // set when text is empty
};

// The bytes of a file for analysis, or why not (the same refusals as read_source_file), without building a line
// index: a cache hit needs only the bytes.
struct RawFile {
  std::optional<std::string> content;
  std::string skip_reason;
};
RawFile read_file_bytes(const std::string& absolute_path, std::uint64_t max_bytes);

// Reads a file for analysis, refusing what a linter must not try to parse: unreadable files, binaries (a NUL byte in
// the first 8 KiB) and files larger than max_bytes.
ReadResult read_source_file(const std::string& absolute_path, std::uint64_t max_bytes);

}  // namespace connlint
