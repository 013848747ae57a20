#pragma once
// The Clang LibTooling front end: compiles each C/C++ translation unit (syntax only) and extracts its CppFacts.
// Translation units run in parallel; a unit that does not compile cleanly is analysed as far as Clang recovered,
// with a notice. It never prints: progress goes through a callback and problems come back as notices.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/notice.h"
#include "facts/cpp_facts.h"

namespace connlint::cpp {

class LibraryModel;

struct FrontEndOptions {
  std::filesystem::path cwd;  // paths in facts and notices are relative to it
  std::filesystem::path project_root;  // functions declared under it are the project's ("" = cwd)
  std::string build_dir;      // -p DIR ("" = auto-detect compile_commands.json in . and build/)
  std::optional<std::vector<std::string>> fixed_arguments;  // `-- ARGS`
  std::string resource_dir;   // "" = the one baked in at configure time
  // Units named on the command line (relative to cwd). A unit found by walking a folder that no compilation database
  // knows, while one is in use, is not part of the build: it is skipped (one notice counts them).
  std::set<std::string> named;
  unsigned jobs = 1;
  // Called after each translation unit (from worker threads, serialised): units done, total, the unit's path.
  std::function<void(std::size_t done, std::size_t total, const std::string& path)> progress;
};

struct FrontEndResult {
  std::vector<facts::CppFacts> units;  // in the order of the input paths; units that could not run are left out
  std::vector<Notice> notices;
  std::string error;                   // a usage error (-p DIR without a database): nothing was analysed
};

// Analyses the translation units `paths` (relative to options.cwd; headers are skipped: they are analysed as part of
// the units that include them).
FrontEndResult analyse_translation_units(const std::vector<std::string>& paths, const FrontEndOptions& options,
                                         const LibraryModel& model);

}  // namespace connlint::cpp
