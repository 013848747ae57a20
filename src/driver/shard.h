#pragma once
// Sharding one check across machines: `check --shard K/N --facts-out FILE` parses a deterministic 1/N of the files (and
// what they import) and writes their facts; `merge FILE...` runs the whole pipeline again with those facts in place of
// parsing, so its report is exactly the one a single run would give. The facts file holds the checked paths, each
// file's serialized facts with the hash of the content they were computed from (a file changed since is parsed again),
// and the C/C++ results (computed whole by shard 1: the C++ analysis joins translation units).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "driver/analyze_cpp.h"
#include "facts/file_facts.h"

namespace connlint {

struct ShardSpec {
  unsigned index = 0;  // 0-based (K - 1)
  unsigned count = 1;
};

// "K/N" with 1 <= K <= N; nullopt when malformed.
std::optional<ShardSpec> parse_shard(std::string_view text);
// Which shard a file belongs to: a hash of its path, so the split does not depend on the machine or file order.
unsigned shard_of(const std::string& path, unsigned count);

struct ShardFile {
  ShardSpec shard;
  std::vector<std::string> paths;  // what the shard was asked to check
  struct Entry {
    std::string path;
    std::uint64_t content_hash = 0;
    std::string facts;  // facts::serialize
  };
  std::vector<Entry> files;
  std::optional<CppAnalysisResult> cpp;  // shard 1 only, when there were C/C++ units
};

std::string encode_shard_file(const ShardFile& shard);
// Throws std::runtime_error (message without the file name) on anything that does not decode.
ShardFile decode_shard_file(std::string_view bytes);

// Facts of the files of all shards, by path, for `analyze` to take instead of parsing.
class PrecomputedFacts {
 public:
  void add(ShardFile&& shard);
  // The facts of `path` when they were computed from exactly `content`.
  std::optional<facts::FileFacts> get(const std::string& path, std::string_view content) const;
  const std::optional<CppAnalysisResult>& cpp() const { return cpp_; }

 private:
  std::map<std::string, ShardFile::Entry> files_;
  std::optional<CppAnalysisResult> cpp_;
};

std::uint64_t content_hash(std::string_view content);

}  // namespace connlint
