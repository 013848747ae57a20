#pragma once
#include <string>
#include <vector>

namespace connlint::cli {

// Exit codes, as every linter in a pre-commit hook or CI job is expected to use them.
inline constexpr int kExitClean = 0;     // nothing at or above the failing level
inline constexpr int kExitFindings = 1;  // findings at or above the failing level
inline constexpr int kExitError = 2;     // usage or internal error

int run_check(const std::vector<std::string>& args);
int run_rules(const std::vector<std::string>& args);
int run_explain(const std::vector<std::string>& args);
int run_docs(const std::vector<std::string>& args);
int run_baseline(const std::vector<std::string>& args);
int run_merge(const std::vector<std::string>& args);
int run_init(const std::vector<std::string>& args);
int run_install_hook(const std::vector<std::string>& args);

std::string main_help();

}  // namespace connlint::cli
