#pragma once
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/config.h"
#include "core/finding.h"
#include "core/notice.h"
#include "driver/analyze_cpp.h"
#include "driver/shard.h"

namespace connlint {

struct AnalysisOptions {
  std::filesystem::path cwd;           // paths in findings are relative to it
  std::vector<std::string> paths;      // what to check (files or directories)
  unsigned jobs = 1;
  std::uint64_t max_file_bytes = 10ull << 20;
  // How long parsing and extracting one TS/JS file may take (zero: no limit); a file over it is skipped with a notice.
  std::chrono::microseconds file_budget = std::chrono::seconds(10);
  const Config* config = nullptr;  // ignore globs and settings (nullptr: defaults)
  // Content to analyse instead of what is on disk (an editor's unsaved buffer, the staged version of a file);
  // keys are paths relative to cwd. These files are analysed even when discovery would not list them.
  std::map<std::string, std::string> overrides;
  // Per-file facts cache directory (nullopt: no cache).
  std::optional<std::filesystem::path> cache_dir;
  // Also read the rest of each checked file's package (as context, not reported), so that checking a few files
  // (a pre-commit hook, an editor) still knows about the other modules that build clients.
  bool project_context = false;
  // Parse only the TS/JS files that can reach a database library (driver/prefilter.h). Off: parse every file, to
  // check that the pre-pass changes nothing.
  bool prefilter = true;
  // `check --shard K/N --facts-out`: parse this shard's share of the files (and what they import), keep their facts
  // in AnalysisResult::shard, run no rules.
  std::optional<ShardSpec> shard;
  // `merge`: the shards' facts, taken instead of parsing (driver/shard.h).
  const PrecomputedFacts* precomputed = nullptr;
  // C/C++: where compile commands come from, Clang's resource directory, progress (driver/analyze_cpp.h).
  CppAnalysisOptions cpp;
};

struct AnalysisResult {
  std::vector<Finding> findings;  // sorted (finding_order), levels applied from the rules' metadata
  std::vector<Notice> notices;    // sorted
  // Where literal passwords are written in the analysed files (in connection strings): every reporter masks them,
  // in the source lines it shows and in any text that would quote them, whichever finding is being shown.
  std::vector<Location> secrets;  // sorted
  std::size_t files_analysed = 0;
  std::size_t files_skipped = 0;
  std::size_t files_parsed = 0;  // TS/JS files fully parsed (the rest the import pre-pass showed cannot matter)
  std::size_t files_from_cache = 0;  // of those, how many had their facts read from the cache instead
  std::vector<std::string> analysed_files;  // the reported files, sorted
  ShardFile shard;  // with AnalysisOptions::shard: the facts to write
};

// The whole pipeline: discover -> parse -> facts -> project index -> rules. Reporting is the caller's.
AnalysisResult analyze(const AnalysisOptions& options, const Catalog& catalog);

}  // namespace connlint
