#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/notice.h"

namespace connlint {

struct DiscoveryResult {
  std::vector<std::string> files;  // paths relative to the working directory, '/'-separated, sorted, unique
  std::vector<Notice> notices;     // paths that do not exist, symlinks that leave the root, ...
};

// Directory names skipped when walking outside git (git's own ignore rules apply inside a repository).
inline constexpr const char* kDefaultExcludedDirs[] = {"node_modules", "dist", "build", ".next", "coverage",
                                                        "vendor", ".git", ".connlint-cache"};

// The analysable files under the given paths. Inside a git work tree: the tracked files plus the untracked ones
// git does not ignore. Elsewhere: a walk that skips kDefaultExcludedDirs. Symlinks are never followed out of the
// directory that was asked for. A file named explicitly is taken as it is (if its extension is supported).
DiscoveryResult discover_files(const std::vector<std::string>& paths, const std::filesystem::path& cwd);

// Does connlint analyse files with this name (by extension)?
bool is_supported_source(const std::string& path);

// Runs a command without a shell and returns its standard output; exit status in *status (-1 if it did not run).
std::string run_capture(const std::vector<std::string>& argv, const std::filesystem::path& dir, int* status);

}  // namespace connlint
