#pragma once
#include <cstdint>
#include <string>

namespace connlint {

// A span of source text. Lines and columns are 1-based; columns count bytes of UTF-8 and the end column is
// exclusive (SARIF's convention). Reporters convert to other column units where a format demands it.
struct Location {
  std::string path;  // relative to the project root, '/'-separated
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t end_line = 0;
  std::uint32_t end_column = 0;

  friend bool operator==(const Location&, const Location&) = default;
  friend auto operator<=>(const Location&, const Location&) = default;
};

}  // namespace connlint
