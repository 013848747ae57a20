#pragma once
// A cache of per-file facts on disk (.connlint-cache/ at the project root), keyed by the file's path and content,
// the tool version and the facts format. Facts do not depend on the catalogs (libraries are resolved later), so
// a catalog change does not invalidate them. Entries are written through a temporary file and a rename, so
// concurrent runs never read half an entry; an entry that does not decode is ignored and rewritten.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "facts/file_facts.h"

namespace connlint {

class FactsCache {
 public:
  explicit FactsCache(std::filesystem::path dir);
  std::optional<facts::FileFacts> get(const std::string& path, std::string_view content) const;
  void put(const std::string& path, std::string_view content, const facts::FileFacts& facts) const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path entry(const std::string& path, std::string_view content) const;
  std::filesystem::path dir_;
};

inline constexpr const char* kCacheDirName = ".connlint-cache";

// A fast 64-bit hash of bytes (not cryptographic); two seeds give the 128-bit cache key.
std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed);

}  // namespace connlint
