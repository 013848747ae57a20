#include "facts/name.h"

#include <array>
#include <mutex>
#include <unordered_set>

namespace connlint::facts {

namespace {

struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>()(s); }
};

// Extraction threads intern concurrently: the table is split into shards, each with its own lock, so two threads
// rarely wait on each other. An unordered_set never moves its elements, so a Name's pointer stays valid.
class InternTable {
 public:
  const std::string& intern(std::string_view text) {
    std::size_t h = TextHash()(text);
    Shard& shard = shards_[(h >> 7) % kShards];
    std::lock_guard lock(shard.mutex);
    auto it = shard.texts.find(text);
    if (it == shard.texts.end()) it = shard.texts.emplace(text).first;
    return *it;
  }

 private:
  static constexpr std::size_t kShards = 64;
  struct Shard {
    std::mutex mutex;
    std::unordered_set<std::string, TextHash, std::equal_to<>> texts;
  };
  std::array<Shard, kShards> shards_;
};

struct ListHash {
  std::size_t operator()(const std::vector<Name>& names) const noexcept {
    std::size_t h = names.size();
    for (Name n : names) h = (h ^ n.hash()) * 0x9E3779B97F4A7C15ull;
    return h;
  }
};

// The same for name lists (names are interned, so a list hashes and compares by its names' identities).
class ListTable {
 public:
  const std::vector<Name>& intern(const std::vector<Name>& names) {
    std::size_t h = ListHash()(names);
    Shard& shard = shards_[(h >> 7) % kShards];
    std::lock_guard lock(shard.mutex);
    return *shard.lists.insert(names).first;
  }

 private:
  static constexpr std::size_t kShards = 64;
  struct Shard {
    std::mutex mutex;
    std::unordered_set<std::vector<Name>, ListHash> lists;
  };
  std::array<Shard, kShards> shards_;
};

InternTable& table() {
  // Never destroyed: Names in static objects may be read during exit.
  static InternTable* t = new InternTable;
  return *t;
}

}  // namespace

const std::string& Name::empty_text() {
  static const std::string* empty = new std::string;
  return *empty;
}

const std::string& Name::intern(std::string_view text) { return table().intern(text); }

const std::vector<Name>& NameList::empty_list() {
  static const std::vector<Name>* empty = new std::vector<Name>;
  return *empty;
}

const std::vector<Name>& NameList::intern(const std::vector<Name>& names) {
  static ListTable* lists = new ListTable;  // never destroyed, as the names
  return lists->intern(names);
}

}  // namespace connlint::facts
