#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace connlint {

// Severity of a finding, ordered so that comparisons mean "at least as severe".
enum class Level { Note = 0, Warning = 1, Error = 2 };

inline std::string_view to_string(Level level) {
  switch (level) {
    case Level::Note: return "note";
    case Level::Warning: return "warning";
    case Level::Error: return "error";
  }
  return "warning";
}

inline std::optional<Level> parse_level(std::string_view text) {
  if (text == "note" || text == "info") return Level::Note;
  if (text == "warning" || text == "warn") return Level::Warning;
  if (text == "error") return Level::Error;
  return std::nullopt;
}

}  // namespace connlint
