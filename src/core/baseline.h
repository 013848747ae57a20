#pragma once
// Baselines: accept the findings a project has today, report only new ones. Entries are keyed by rule, file,
// enclosing function and the normalised code of the primary line (not by line number), so edits elsewhere in the
// file do not resurrect old findings; a count per key lets two identical findings be told from three.
#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/finding.h"
#include "core/source_file.h"

namespace connlint {

struct BaselineKey {
  std::string rule, path, function, code;
  friend bool operator<(const BaselineKey& a, const BaselineKey& b) {
    return std::tie(a.rule, a.path, a.function, a.code) < std::tie(b.rule, b.path, b.function, b.code);
  }
};

// The primary line with runs of whitespace collapsed and trailing comments dropped.
std::string normalised_code(std::string_view line);
BaselineKey baseline_key(const Finding& f, const SourceText* source);

class Baseline {
 public:
  // Throws ConfigError (with the file and position) when the file is unreadable or malformed.
  static Baseline load(const std::filesystem::path& file);
  static std::string render(const std::vector<std::pair<BaselineKey, std::size_t>>& entries);

  // Marks one occurrence of `key` as seen; false when the baseline has no occurrence left for it.
  bool consume(const BaselineKey& key);

 private:
  std::map<BaselineKey, std::size_t> remaining_;
};

}  // namespace connlint
