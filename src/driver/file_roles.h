#pragma once
#include <filesystem>
#include <map>
#include <string>

#include "facts/file_facts.h"
#include "index/project_index.h"

namespace connlint {

// Scripts run once and exit (so they must close their clients); tests pair setup with teardown; everything else
// is application code that lives as long as the process.
index::ProjectIndex::Role file_role(const std::string& path, const facts::FileFacts& facts);

// Finds whether files belong to a Next.js project: a `next.config.*` file or a `next` dependency in the nearest
// package.json, looking up from the file to the project boundary. Results are cached per directory.
class NextJsDetector {
 public:
  NextJsDetector(std::filesystem::path cwd, std::filesystem::path boundary);
  bool in_nextjs_project(const std::string& path);

 private:
  bool dir_is_nextjs(const std::filesystem::path& dir);
  std::filesystem::path cwd_, boundary_;
  std::map<std::filesystem::path, bool> cache_;
};

// The directory of the nearest package.json above a file (relative to cwd, "" if none up to the boundary): one
// deployable package, the unit in which "a client per module" is counted.
class PackageLocator {
 public:
  PackageLocator(std::filesystem::path cwd, std::filesystem::path boundary);
  std::string package_of(const std::string& path);
  std::filesystem::path package_dir(const std::filesystem::path& absolute_dir);

 private:
  std::filesystem::path cwd_, boundary_;
  std::map<std::filesystem::path, std::filesystem::path> cache_;
};

}  // namespace connlint
