#include "core/source_cache.h"

namespace connlint {

void SourceCache::set(const std::string& path, std::string content) {
  texts_[path] = std::make_unique<SourceText>(std::move(content));
}

const SourceText* SourceCache::get(const std::string& path) {
  auto it = texts_.find(path);
  if (it == texts_.end()) {
    ReadResult read = read_source_file((cwd_ / path).string(), ~0ull);
    it = texts_.emplace(path, read.text ? std::make_unique<SourceText>(std::move(*read.text)) : nullptr).first;
  }
  return it->second.get();
}

}  // namespace connlint
