#include "driver/filters.h"

#include <map>
#include <set>

#include "core/rule_meta.h"

namespace connlint {

FilterOutcome apply_filters(AnalysisResult& result, const Config& config, Baseline* baseline, SourceCache& sources,
                            const std::filesystem::path& cwd, bool find_unused_suppressions) {
  FilterOutcome outcome;
  // Levels and disabled rules, per path.
  std::vector<Finding> kept;
  kept.reserve(result.findings.size());
  for (auto& f : result.findings) {
    auto level = config.level_for(f.rule_id, f.level, cwd, f.location.path);
    if (!level) continue;
    f.level = *level;
    kept.push_back(std::move(f));
  }
  result.findings = std::move(kept);

  // Inline suppressions: read the comments of every file with findings (of every analysed file when unused
  // suppressions are wanted).
  std::set<std::string> files;
  for (const auto& f : result.findings) files.insert(f.location.path);
  if (find_unused_suppressions) files.insert(result.analysed_files.begin(), result.analysed_files.end());
  std::map<std::string, std::vector<Suppression>> by_file;
  for (const auto& path : files)
    if (const SourceText* text = sources.get(path)) by_file[path] = find_suppressions(path, text->content());
  for (auto& f : result.findings) {
    auto it = by_file.find(f.location.path);
    if (it == by_file.end()) continue;
    for (auto& s : it->second) {
      if (!s.covers(f)) continue;
      s.used = true;
      if (f.suppressed == Suppressed::No) {
        f.suppressed = Suppressed::InSource;
        f.suppression_reason = s.reason;
      }
    }
  }
  if (find_unused_suppressions)
    for (auto& [path, list] : by_file)
      for (auto& s : list)
        if (!s.used) outcome.unused_suppressions.push_back(s);

  // The baseline accepts what was there when it was written.
  if (baseline)
    for (auto& f : result.findings)
      if (f.suppressed == Suppressed::No && baseline->consume(baseline_key(f, sources.get(f.location.path)))) {
        f.suppressed = Suppressed::Baseline;
        f.suppression_reason = "baseline";
      }
  return outcome;
}

std::size_t count_active(const std::vector<Finding>& findings) {
  std::size_t n = 0;
  for (const auto& f : findings) n += f.suppressed == Suppressed::No;
  return n;
}

}  // namespace connlint
