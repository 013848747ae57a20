#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "core/source_file.h"

namespace connlint {

// The text of files with findings, read once, for snippets, fingerprints, suppressions and baselines. Content
// given by the caller (an unsaved editor buffer, the staged version of a file) wins over the disk.
class SourceCache {
 public:
  explicit SourceCache(std::filesystem::path cwd) : cwd_(std::move(cwd)) {}
  void set(const std::string& path, std::string content);
  const SourceText* get(const std::string& path);

 private:
  std::filesystem::path cwd_;
  std::map<std::string, std::unique_ptr<SourceText>> texts_;
};

}  // namespace connlint
