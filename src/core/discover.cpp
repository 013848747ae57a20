#include "core/discover.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include "config/config_file.h"
#include "cpp/file_kinds.h"
#include "ts/language.h"

extern char** environ;

namespace connlint {

namespace fs = std::filesystem;

bool is_supported_source(const std::string& path) {
  return ts::is_ts_js_path(path) || config::is_config_path(path) || cpp::is_translation_unit(path);
}

std::string run_capture(const std::vector<std::string>& argv, const fs::path& dir, int* status) {
  *status = -1;
  int pipefd[2];
  if (::pipe(pipefd) != 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclose(&actions, pipefd[0]);
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipefd[1]);
  std::string out;
  if (rc == 0) {
    char buf[65536];
    ssize_t n;
    while ((n = ::read(pipefd[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    int wstatus = 0;
    ::waitpid(pid, &wstatus, 0);
    *status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
  }
  ::close(pipefd[0]);
  return out;
}

namespace {

std::string relative_to(const fs::path& p, const fs::path& cwd) {
  fs::path rel = p.lexically_normal().lexically_relative(cwd);
  return rel.empty() ? p.generic_string() : rel.generic_string();
}

bool inside(const fs::path& path, const fs::path& root) {
  auto rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

// Files git knows about under `dir` (tracked plus untracked-not-ignored); false when `dir` is not in a work tree.
bool git_files(const fs::path& dir, std::vector<fs::path>& out) {
  int status;
  std::string top = run_capture({"git", "rev-parse", "--show-toplevel"}, dir, &status);
  if (status != 0 || top.empty()) return false;
  std::string listing =
      run_capture({"git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."}, dir, &status);
  if (status != 0) return false;
  std::size_t start = 0;
  while (start < listing.size()) {
    auto end = listing.find('\0', start);
    if (end == std::string::npos) end = listing.size();
    if (end > start) out.push_back(dir / listing.substr(start, end - start));
    start = end + 1;
  }
  return true;
}

void walk(const fs::path& dir, std::vector<fs::path>& out) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const auto& entry = *it;
    std::string name = entry.path().filename().string();
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
      if (std::find(std::begin(kDefaultExcludedDirs), std::end(kDefaultExcludedDirs), name) !=
          std::end(kDefaultExcludedDirs))
        it.disable_recursion_pending();
      continue;
    }
    out.push_back(entry.path());
  }
}

}  // namespace

DiscoveryResult discover_files(const std::vector<std::string>& paths, const fs::path& cwd) {
  DiscoveryResult result;
  std::set<std::string> seen;
  for (const auto& raw : paths) {
    fs::path given = fs::path(raw).is_absolute() ? fs::path(raw) : cwd / raw;
    given = given.lexically_normal();
    std::error_code ec;
    auto status = fs::status(given, ec);
    if (ec || !fs::exists(status)) {
      result.notices.push_back({raw, "no such file or directory"});
      continue;
    }
    if (fs::is_regular_file(status)) {
      // An explicitly named file is analysed even if git ignores it, as other linters do.
      std::string rel = relative_to(given, cwd);
      if (is_supported_source(rel) && seen.insert(rel).second) result.files.push_back(rel);
      continue;
    }
    std::vector<fs::path> candidates;
    if (!git_files(given, candidates)) walk(given, candidates);
    fs::path root = fs::weakly_canonical(given, ec);
    for (const auto& candidate : candidates) {
      std::string rel = relative_to(candidate, cwd);
      if (!is_supported_source(rel)) continue;
      // git lists tracked files that were deleted from the work tree; there is nothing to analyse in those.
      if (!fs::exists(fs::symlink_status(candidate, ec))) continue;
      if (fs::is_symlink(fs::symlink_status(candidate, ec))) {
        fs::path target = fs::weakly_canonical(candidate, ec);
        if (ec) {  // a loop (a -> b -> a) or a link that cannot be followed
          result.notices.push_back({rel, "cannot read: symbolic link that cannot be resolved (" + ec.message() + ")"});
          continue;
        }
        if (!inside(target, root)) {
          result.notices.push_back({rel, "skipped: symbolic link that leads outside " + relative_to(given, cwd)});
          continue;
        }
      }
      if (seen.insert(rel).second) result.files.push_back(rel);
    }
  }
  std::sort(result.files.begin(), result.files.end());
  return result;
}

}  // namespace connlint
