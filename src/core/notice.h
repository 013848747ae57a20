#pragma once
#include <string>
#include <vector>

namespace connlint {

// Something connlint could not do for one input (a skipped file, a recovered syntax error). Notices are shown to
// the user but never change the exit code: a linter must not fail a build because of one odd file.
struct Notice {
  std::string path;
  std::string message;

  friend bool operator<(const Notice& a, const Notice& b) {
    return a.path != b.path ? a.path < b.path : a.message < b.message;
  }
};

}  // namespace connlint
