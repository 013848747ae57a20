#pragma once
// SQL text as the session-state and statement classifiers read it: lowercase, runs of whitespace collapsed to one
// space, no leading space. Header-only so that both the rules and the Clang front end (a separate library) use it.
#include <cctype>
#include <cstddef>
#include <string>

namespace connlint {

// `max_chars` stops early when only the first words matter (the statement's kind).
inline std::string normalise_sql_text(const std::string& sql, std::size_t max_chars = std::string::npos) {
  std::string out;
  bool space = false;
  for (char ch : sql) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(c));
    if (out.size() > max_chars) break;
  }
  return out;
}

}  // namespace connlint
