#pragma once
// Inline suppressions: the comments that tell connlint a finding is known and accepted.
//   // connlint-ignore-next-line query-in-loop -- batch size is 3
//   await db.user.findUnique(...) // connlint-ignore query-in-loop
//   // connlint-ignore-file client-not-closed
//   PQexec(conn, sql); // NOLINT(connlint-query-in-loop)     (C++, clang-tidy style; also NOLINTNEXTLINE,
//                                                               NOLINTBEGIN/NOLINTEND, and `connlint-*`)
// Without rule ids a suppression covers every rule.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace connlint {

struct Suppression {
  std::string path;
  std::uint32_t line = 0;        // where the comment is
  std::uint32_t column = 0;
  std::uint32_t first_line = 0;  // the lines it covers (inclusive); 0..UINT32_MAX for a whole file
  std::uint32_t last_line = 0;
  std::vector<std::string> rules;  // empty: all rules; may contain "*" patterns like "connlint-*" stripped to "*"
  std::string reason;              // the text after `--`
  std::string marker;              // as written, for messages
  bool used = false;

  bool covers(const Finding& f) const;
};

// Finds the suppression comments in one file's text.
std::vector<Suppression> find_suppressions(const std::string& path, std::string_view content);

}  // namespace connlint
