#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace connlint::report {

// GitHub's primaryLocationLineHash for every line of a file, computed in one pass.
//
// This is a faithful port of `hash()` in github/codeql-action's src/fingerprints.ts (the code the
// upload-sarif action runs). We compute it ourselves because the upload action only fills
// `partialFingerprints.primaryLocationLineHash` for results that lack it (and only when it can find the
// source file on the runner), and the code-scanning REST API upload never computes it at all. Without it,
// GitHub cannot match alerts across runs when lines move.
//
// The algorithm, as codeql-action implements it:
//  - The file is decoded as UTF-8 (invalid bytes become U+FFFD, a BOM is kept) and processed as UTF-16
//    code units, as JavaScript's charCodeAt sees them.
//  - Spaces (U+0020) and tabs (U+0009) are skipped; no other character is (not even form feed or NBSP).
//    "\r" is replaced by "\n", and a "\n" whose immediately preceding input character is "\r" is dropped,
//    so "\r\n", "\r" and "\n" all count as one "\n".
//  - A polynomial rolling hash, base 37 with 64-bit wrap-around, runs over a window of the 100 next
//    unskipped characters. A line's hash is that window's hash starting at the line's first unskipped
//    character (which may be its line break). After the last character comes a sentinel 65535 and then
//    zeros, so windows near the end are full.
//  - The value is formatted as lowercase hex WITHOUT zero-padding (JavaScript's toString(16)), followed by
//    ":n", where n is how many lines so far, this one included, have had that hash, so n starts at 1.
//  - Lines are split at "\r\n", "\r" and "\n"; a trailing line break starts one more (empty) line, and an
//    empty file has one line.
class LineHashes {
 public:
  explicit LineHashes(std::string_view file_content);

  // 1-based line; returns "" if line out of range.
  std::string for_line(std::size_t line) const;
  std::size_t line_count() const { return lines_.size(); }

 private:
  struct Entry {
    std::uint64_t hash;
    std::uint32_t occurrence;  // 1 for the first line with this hash, 2 for the next, ...
  };
  std::vector<Entry> lines_;  // index = line - 1
};

}  // namespace connlint::report
