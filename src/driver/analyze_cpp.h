#pragma once
// The C/C++ half of `analyze`: the translation units among the checked files go through the Clang front end
// (src/cpp/frontend.h, in the module that driver/clang_module.h loads on first use), their facts are joined across
// units (src/cpp/project.h) and the C++ rule parts run on them.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/finding.h"
#include "core/notice.h"

namespace connlint {

struct CppAnalysisOptions {
  std::string build_dir;                                   // -p DIR ("" = auto-detect in . and build/)
  std::optional<std::vector<std::string>> fixed_arguments; // `-- ARGS`: compiler arguments for every file
  std::string resource_dir;                                // --resource-dir ("" = the one baked in)
  // Progress after each translation unit (units done, total, path); called from worker threads, one at a time.
  std::function<void(std::size_t, std::size_t, const std::string&)> progress;
};

struct CppAnalysisResult {
  std::vector<Finding> findings;  // levels applied from the rules' metadata
  std::vector<Notice> notices;
  std::vector<std::string> analysed;  // translation units analysed
  std::size_t failed = 0;             // units that could not be compiled at all
};

// Is this a C/C++ translation unit (by extension) that the C++ front end takes?
bool is_cpp_unit(const std::string& path);

// A usage problem with the options (-p DIR without a compilation database), "" when none.
std::string cpp_options_error(const CppAnalysisOptions& options, const std::filesystem::path& cwd);

// `units` are the translation units discovery found under `paths` (what the user asked to check): a unit that a
// compilation database does not know is only analysed (with default flags) when the user named it.
CppAnalysisResult analyze_cpp(const std::vector<std::string>& units, const std::vector<std::string>& paths,
                              const std::filesystem::path& cwd, unsigned jobs, const CppAnalysisOptions& options,
                              const Catalog& catalog);

}  // namespace connlint
