#pragma once
// A cache of per-file facts on disk (.connlint-cache/ at the project root), keyed by the file's path and content,
// the tool version and the facts format. Facts do not depend on the catalogs (libraries are resolved later), so
// a catalog change does not invalidate them.
//
// Entries live in pack files, one written per run that parsed something (like git's packs, and unlike one file per
// entry: creating 4,600 small files cost a cold run over 20% of its time). A run maps every pack and reads the
// entries it needs; what it parses it appends to a temporary file, which flush() completes and renames into a new
// pack, so concurrent runs never see half a pack. When packs pile up, a run merges them into
// one, keeping the newest entry of each file and every entry it used, and removes the old ones; a concurrent run
// that still maps a removed pack keeps reading it. A pack or an entry that does not decode is ignored; the file
// is parsed again and its facts go into the next pack.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/atomic_write.h"
#include "facts/file_facts.h"

namespace connlint {

class FactsCache {
 public:
  explicit FactsCache(std::filesystem::path dir);
  ~FactsCache();
  FactsCache(const FactsCache&) = delete;
  FactsCache& operator=(const FactsCache&) = delete;

  struct Key {
    std::uint64_t a = 0, b = 0;
    bool operator==(const Key&) const = default;
  };
  // A file's entry key: its path and content, the tool version and the facts format. Computed once per file and
  // given to get() and, on a miss, to put().
  Key key(const std::string& path, std::string_view content) const;

  // Thread-safe.
  std::optional<facts::FileFacts> get(const Key& key, const std::string& path) const;
  void put(const Key& key, const std::string& path, const facts::FileFacts& facts) const;
  // Writes what put() collected as a new pack (merging the packs when there are too many). Call once, at the end.
  void flush();

  const std::filesystem::path& dir() const { return dir_; }

 private:
  struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept { return static_cast<std::size_t>(k.a ^ (k.b * 31)); }
  };
  struct Pack {
    std::filesystem::path file;
    const char* data = nullptr;  // mapped read-only
    std::size_t size = 0;
  };
  struct Entry {
    std::uint32_t pack = 0;
    std::uint64_t path_hash = 0;
    std::uint64_t offset = 0, size = 0;
  };
  // An entry of the pack being written: its facts are already in the file.
  struct Written {
    Key key;
    std::uint64_t path_hash = 0;
    std::uint64_t offset = 0, size = 0;
  };

  void load(const std::filesystem::path& file);
  AtomicFileWriter* writer() const;  // with mutex_ held

  std::filesystem::path dir_;
  std::vector<Pack> packs_;
  std::vector<std::filesystem::path> unreadable_;  // packs that do not decode: removed at the next merge
  std::unordered_map<Key, Entry, KeyHash> entries_;
  mutable std::mutex mutex_;
  // The pack this run writes, opened by the first put(); its entries are streamed there, not kept in memory.
  mutable std::unique_ptr<AtomicFileWriter> writer_;
  mutable std::vector<Written> written_;
  mutable std::unordered_set<Key, KeyHash> used_;
};

inline constexpr const char* kCacheDirName = ".connlint-cache";

// A fast 64-bit hash of bytes (not cryptographic); two seeds give the 128-bit cache key.
std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed);

}  // namespace connlint
