// `connlint install-hook`: a plain git pre-commit hook (for teams that do not use the pre-commit framework) that
// checks the staged content of the staged files and blocks the commit on findings at or above --fail-on.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "core/atomic_write.h"
#include "core/discover.h"

namespace connlint::cli {

namespace fs = std::filesystem;

int run_install_hook(const std::vector<std::string>& args) {
  bool force = false;
  for (const auto& a : args) {
    if (a == "--force") {
      force = true;
    } else {
      std::cerr << "Usage: connlint install-hook [--force]\n\n"
                   "Writes .git/hooks/pre-commit (or core.hooksPath) running `connlint check --staged`.\n";
      return a == "--help" || a == "-h" ? kExitClean : kExitError;
    }
  }
  int status;
  std::string hooks = run_capture({"git", "rev-parse", "--git-path", "hooks"}, fs::current_path(), &status);
  while (!hooks.empty() && (hooks.back() == '\n' || hooks.back() == '\r')) hooks.pop_back();
  if (status != 0 || hooks.empty()) {
    std::cerr << "connlint: install-hook must run inside a git repository\n";
    return kExitError;
  }
  fs::path hook = fs::path(hooks) / "pre-commit";
  if (fs::exists(hook) && !force) {
    std::cerr << "connlint: " << hook.string() << " already exists (use --force to replace it)\n";
    return kExitError;
  }
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  std::string script =
      "#!/bin/sh\n"
      "# Installed by `connlint install-hook`: checks the staged content of the staged files.\n"
      "# Skip once with `git commit --no-verify`.\n"
      "connlint_bin='" + (ec ? std::string("connlint") : self.string()) + "'\n"
      "[ -x \"$connlint_bin\" ] || connlint_bin=connlint\n"
      "exec \"$connlint_bin\" check --staged --quiet \"$@\"\n";
  fs::create_directories(hook.parent_path(), ec);
  if (std::string error = write_file_atomically(hook.string(), script); !error.empty()) {
    std::cerr << "connlint: " << error << "\n";
    return kExitError;
  }
  ::chmod(hook.c_str(), 0755);
  std::cout << "installed " << hook.string() << "\n";
  return kExitClean;
}

}  // namespace connlint::cli
