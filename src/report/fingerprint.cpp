#include "report/fingerprint.h"

#include <array>
#include <charconv>
#include <unordered_map>

// A port of hash() in github/codeql-action src/fingerprints.ts. Names follow the TypeScript so the two can be
// compared side by side. Long arithmetic there is signed 64-bit with wrap-around, printed via toUnsigned(),
// which is exactly std::uint64_t arithmetic.

namespace connlint::report {
namespace {

constexpr std::uint32_t kTab = '\t';
constexpr std::uint32_t kSpace = ' ';
constexpr std::uint32_t kLf = '\n';
constexpr std::uint32_t kCr = '\r';
constexpr std::uint32_t kEof = 65535;
constexpr std::size_t kBlockSize = 100;
constexpr std::uint64_t kMod = 37;

constexpr std::uint64_t compute_first_mod() {
  std::uint64_t first_mod = 1;
  for (std::size_t i = 0; i < kBlockSize; ++i) first_mod *= kMod;
  return first_mod;
}
constexpr std::uint64_t kFirstMod = compute_first_mod();

class Hasher {
 public:
  using Output = std::vector<std::uint64_t>;  // hash of line k+1 at index k

  explicit Hasher(Output& out) : out_(out) {
    window_.fill(0);
    line_numbers_.fill(kNoLine);
  }

  // processCharacter: one UTF-16 code unit.
  void process_character(std::uint32_t current) {
    // Skip tabs, spaces, and line feeds that come directly after a carriage return.
    if (current == kSpace || current == kTab || (prev_cr_ && current == kLf)) {
      prev_cr_ = false;
      return;
    }
    // Replace CR with LF.
    if (current == kCr) {
      current = kLf;
      prev_cr_ = true;
    } else {
      prev_cr_ = false;
    }
    if (line_numbers_[index_] != kNoLine) output_hash();
    if (line_start_) {
      line_start_ = false;
      ++line_number_;
      line_numbers_[index_] = line_number_;
    }
    if (current == kLf) line_start_ = true;
    update_hash(current);
  }

  void finish() {
    process_character(kEof);
    // Flush the remaining lines.
    for (std::size_t i = 0; i < kBlockSize; ++i) {
      if (line_numbers_[index_] != kNoLine) output_hash();
      update_hash(0);
    }
  }

 private:
  static constexpr std::size_t kNoLine = 0;  // the TypeScript uses -1; line numbers start at 1

  void output_hash() {
    // Lines complete in order, so line_numbers_[index_] == out_.size() + 1 here.
    out_.push_back(hash_raw_);
    line_numbers_[index_] = kNoLine;
  }

  void update_hash(std::uint32_t current) {
    const std::uint32_t begin = window_[index_];
    window_[index_] = current;
    hash_raw_ = kMod * hash_raw_ + current - kFirstMod * begin;
    index_ = (index_ + 1) % kBlockSize;
  }

  Output& out_;
  std::array<std::uint32_t, kBlockSize> window_{};
  std::array<std::size_t, kBlockSize> line_numbers_{};
  std::uint64_t hash_raw_ = 0;
  std::size_t index_ = 0;
  std::size_t line_number_ = 0;
  bool line_start_ = true;
  bool prev_cr_ = false;
};

// Feeds `text` to `sink` as UTF-16 code units, decoding UTF-8 the way Node's "utf8" decoding does (the WHATWG
// UTF-8 decoder): each maximal invalid subpart becomes one U+FFFD, a BOM is passed through unchanged.
template <typename Sink>
void for_each_utf16_unit(std::string_view text, Sink&& sink) {
  constexpr std::uint32_t kReplacement = 0xFFFD;
  auto emit = [&](std::uint32_t cp) {
    if (cp >= 0x10000) {
      cp -= 0x10000;
      sink(0xD800 + (cp >> 10));
      sink(0xDC00 + (cp & 0x3FF));
    } else {
      sink(cp);
    }
  };
  std::uint32_t code_point = 0;
  int needed = 0;
  int seen = 0;
  std::uint8_t lower = 0x80;
  std::uint8_t upper = 0xBF;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<std::uint8_t>(text[i]);
    if (needed == 0) {
      ++i;
      if (byte <= 0x7F) {
        emit(byte);
      } else if (byte >= 0xC2 && byte <= 0xDF) {
        needed = 1;
        code_point = byte & 0x1F;
      } else if (byte >= 0xE0 && byte <= 0xEF) {
        if (byte == 0xE0) lower = 0xA0;
        if (byte == 0xED) upper = 0x9F;
        needed = 2;
        code_point = byte & 0x0F;
      } else if (byte >= 0xF0 && byte <= 0xF4) {
        if (byte == 0xF0) lower = 0x90;
        if (byte == 0xF4) upper = 0x8F;
        needed = 3;
        code_point = byte & 0x07;
      } else {
        emit(kReplacement);
      }
      continue;
    }
    if (byte < lower || byte > upper) {
      // Invalid continuation: replace what we have and reprocess this byte as a lead byte.
      code_point = 0;
      needed = seen = 0;
      lower = 0x80;
      upper = 0xBF;
      emit(kReplacement);
      continue;
    }
    ++i;
    lower = 0x80;
    upper = 0xBF;
    code_point = (code_point << 6) | (byte & 0x3F);
    if (++seen == needed) {
      emit(code_point);
      code_point = 0;
      needed = seen = 0;
    }
  }
  if (needed != 0) emit(kReplacement);
}

}  // namespace

LineHashes::LineHashes(std::string_view file_content) {
  std::vector<std::uint64_t> hashes;
  Hasher hasher(hashes);
  for_each_utf16_unit(file_content, [&](std::uint32_t unit) { hasher.process_character(unit); });
  hasher.finish();

  // hashCounts: the n in "<hash>:<n>" is this hash's occurrence count so far, starting at 1.
  std::unordered_map<std::uint64_t, std::uint32_t> counts;
  counts.reserve(hashes.size());
  lines_.reserve(hashes.size());
  for (const std::uint64_t h : hashes) lines_.push_back(Entry{h, ++counts[h]});
}

std::string LineHashes::for_line(std::size_t line) const {
  if (line == 0 || line > lines_.size()) return {};
  const Entry& entry = lines_[line - 1];
  // Long.toUnsigned().toString(16): lowercase, no zero-padding.
  std::array<char, 32> buf{};
  char* end = std::to_chars(buf.data(), buf.data() + buf.size(), entry.hash, 16).ptr;
  *end++ = ':';
  end = std::to_chars(end, buf.data() + buf.size(), entry.occurrence).ptr;
  return std::string(buf.data(), end);
}

}  // namespace connlint::report
