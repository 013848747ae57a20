#include "driver/analyze_cpp.h"

#include <set>

#include "core/discover.h"
#include "core/rule_meta.h"
#include "cpp/file_kinds.h"
#include "cpp/front_end_api.h"
#include "cpp/library_model.h"
#include "cpp/project.h"
#include "driver/clang_module.h"
#include "rules/cpp_rule.h"

namespace connlint {

bool is_cpp_unit(const std::string& path) { return cpp::is_translation_unit(path); }

std::string cpp_options_error(const CppAnalysisOptions& options, const std::filesystem::path& cwd) {
  if (options.build_dir.empty()) return "";
  // Checking the database needs Clang. Without the module the units are reported as not analysed (analyze_cpp):
  // that is no usage error.
  const ClangModule& clang = clang_module();
  return clang.api ? clang.api->compile_database_error(cwd, options.build_dir) : "";
}

CppAnalysisResult analyze_cpp(const std::vector<std::string>& units, const std::vector<std::string>& paths,
                              const std::filesystem::path& cwd, unsigned jobs, const CppAnalysisOptions& options,
                              const Catalog& catalog) {
  CppAnalysisResult result;
  if (units.empty()) return result;
  const ClangModule& clang = clang_module();
  if (!clang.api) {
    // Like the units outside every compilation database (cpp/frontend.cpp): one notice, on the first unit, counts
    // them; the rest of the run (TypeScript, configuration) is analysed and reported as usual.
    result.notices.push_back({units.front(), "C/C++ analysis unavailable, " + std::to_string(units.size()) +
                                                 " translation unit" + (units.size() == 1 ? "" : "s") +
                                                 " not analysed: " + clang.error});
    result.failed = units.size();
    return result;
  }
  cpp::LibraryModel model;
  try {
    model = cpp::LibraryModel::from_catalog(catalog);
  } catch (const std::exception& e) {
    result.notices.push_back({"", std::string("C/C++ analysis skipped: invalid catalog ") + e.what()});
    return result;
  }
  cpp::FrontEndOptions fe;
  fe.cwd = cwd;
  // The project: the git work tree holding the working directory, else the working directory.
  int status;
  std::string top = run_capture({"git", "rev-parse", "--show-toplevel"}, cwd, &status);
  while (!top.empty() && (top.back() == '\n' || top.back() == '\r')) top.pop_back();
  fe.project_root = status == 0 && !top.empty() ? std::filesystem::path(top) : cwd;
  fe.build_dir = options.build_dir;
  fe.fixed_arguments = options.fixed_arguments;
  fe.resource_dir = options.resource_dir;
  fe.jobs = jobs;
  fe.progress = options.progress;
  for (const auto& p : paths) {
    std::filesystem::path given = std::filesystem::path(p).is_absolute() ? std::filesystem::path(p) : cwd / p;
    std::filesystem::path rel = given.lexically_normal().lexically_relative(cwd);
    fe.named.insert(rel.generic_string());
  }
  cpp::FrontEndResult extracted = clang.api->analyse_translation_units(units, fe, model);
  if (!extracted.error.empty()) {
    result.notices.push_back({options.build_dir, extracted.error});
    return result;
  }
  result.notices = std::move(extracted.notices);
  for (const auto& u : extracted.units) result.analysed.push_back(u.path);
  result.failed = units.size() - extracted.units.size();

  cpp::Project project(std::move(extracted.units), model);
  rules::CppRuleContext context{project};
  for (const auto& rule : rules::all_cpp_rules()) {
    std::vector<Finding> found;
    rule->check(context, found);
    const RuleMeta* meta = find_rule(rule->id());
    for (auto& f : found) {
      if (meta) f.level = meta->level;
      result.findings.push_back(std::move(f));
    }
  }
  return result;
}

}  // namespace connlint
