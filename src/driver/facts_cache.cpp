#include "driver/facts_cache.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "core/atomic_write.h"
#include "facts/serialize.h"
#include "version.h"

namespace connlint {

namespace fs = std::filesystem;

std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = seed ^ (bytes.size() * kMul);
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    w *= 0xBF58476D1CE4E5B9ull;
    w ^= w >> 31;
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  h = (h ^ (tail * 0x94D049BB133111EBull)) * kMul;
  h ^= h >> 32;
  return h;
}

namespace {

// A pack: the magic, the encoded facts of each entry, the entry table (key, path hash, offset, size), then the
// footer (entry count, table offset). The table comes last so that entries can be written as files are parsed.
// Integers are little-endian (the cache never leaves the machine that wrote it; a foreign pack fails its checks and
// is ignored).
constexpr char kPackMagic[8] = {'C', 'L', 'F', 'P', 'A', 'C', 'K', '2'};
constexpr std::size_t kEntryBytes = 5 * 8;
constexpr std::size_t kFooterBytes = 2 * 8;
// More packs than this are merged into one by the next run that writes.
constexpr std::size_t kMaxPacks = 8;

std::uint64_t load_u64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

void append_u64(std::string& out, std::uint64_t v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out.append(b, 8);
}

}  // namespace

FactsCache::FactsCache(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".pack") continue;
    std::error_code time_ec;
    files.emplace_back(fs::last_write_time(it->path(), time_ec), it->path());
  }
  std::sort(files.begin(), files.end());  // oldest first: a merge keeps each file's entry from the newest pack
  for (const auto& [time, file] : files) load(file);
}

FactsCache::~FactsCache() {
  for (const auto& pack : packs_) ::munmap(const_cast<char*>(pack.data), pack.size);
}

void FactsCache::load(const fs::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;  // removed by a concurrent merge since it was listed
  struct stat st {};
  void* data = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && st.st_size > 0)
    data = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (data == MAP_FAILED) {
    unreadable_.push_back(file);
    return;
  }
  Pack pack{file, static_cast<const char*>(data), static_cast<std::size_t>(st.st_size)};
  bool valid =
      pack.size >= sizeof kPackMagic + kFooterBytes && std::memcmp(pack.data, kPackMagic, sizeof kPackMagic) == 0;
  std::uint64_t count = valid ? load_u64(pack.data + pack.size - kFooterBytes) : 0;
  std::uint64_t table = valid ? load_u64(pack.data + pack.size - 8) : 0;
  valid = valid && table >= sizeof kPackMagic && table <= pack.size - kFooterBytes &&
          count == (pack.size - kFooterBytes - table) / kEntryBytes &&
          (pack.size - kFooterBytes - table) % kEntryBytes == 0;
  std::vector<std::pair<Key, Entry>> entries;
  for (std::uint64_t i = 0; valid && i < count; ++i) {
    const char* e = pack.data + table + i * kEntryBytes;
    Entry entry{static_cast<std::uint32_t>(packs_.size()), load_u64(e + 16), load_u64(e + 24), load_u64(e + 32)};
    valid = entry.offset >= sizeof kPackMagic && entry.offset <= table && entry.size <= table - entry.offset;
    entries.emplace_back(Key{load_u64(e), load_u64(e + 8)}, entry);
  }
  if (!valid) {
    ::munmap(const_cast<char*>(pack.data), pack.size);
    unreadable_.push_back(file);
    return;
  }
  packs_.push_back(pack);
  for (const auto& [key, entry] : entries) entries_[key] = entry;
}

FactsCache::Key FactsCache::key(const std::string& path, std::string_view content) const {
  std::string salt = std::string(CONNLINT_VERSION) + "/" + std::to_string(facts::kFactsFormatVersion) + "/" + path;
  return Key{hash_bytes(content, hash_bytes(salt, 1)), hash_bytes(content, hash_bytes(salt, 2))};
}

std::optional<facts::FileFacts> FactsCache::get(const Key& key, const std::string& path) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  const Pack& pack = packs_[it->second.pack];
  try {
    facts::FileFacts f = facts::deserialize(std::string_view(pack.data + it->second.offset, it->second.size));
    if (f.path != path) return std::nullopt;  // a hash collision is possible in principle: never trust it
    std::lock_guard lock(mutex_);
    used_.insert(key);
    return f;
  } catch (const facts::CorruptFacts&) {
    return std::nullopt;  // parsed again by the caller, and stored in the next pack
  }
}

AtomicFileWriter* FactsCache::writer() const {
  if (!writer_) {
    std::error_code ec;
    if (!fs::exists(dir_, ec)) {
      fs::create_directories(dir_, ec);
      // Like ruff's cache: a .gitignore inside keeps it out of version control without touching the project's.
      if (!ec) std::ofstream(dir_ / ".gitignore") << "# Created by connlint\n*\n";
    }
    static std::atomic<unsigned> serial{0};
    char name[64];
    std::snprintf(name, sizeof name, "facts-%ld-%lld-%u.pack", static_cast<long>(::getpid()),
                  static_cast<long long>(::time(nullptr)), serial.fetch_add(1));
    writer_ = std::make_unique<AtomicFileWriter>((dir_ / name).string());
    // A read-only checkout (or a file in the way) just runs without writing the cache.
    if (writer_->ok()) writer_->append(std::string_view(kPackMagic, sizeof kPackMagic));
  }
  return writer_->ok() ? writer_.get() : nullptr;
}

void FactsCache::put(const Key& key, const std::string& path, const facts::FileFacts& facts) const {
  std::string bytes = facts::serialize(facts);
  std::lock_guard lock(mutex_);
  AtomicFileWriter* out = writer();
  if (!out) return;
  Written entry{key, hash_bytes(path, 3), out->size(), bytes.size()};
  if (out->append(bytes)) written_.push_back(entry);
}

void FactsCache::flush() {
  std::lock_guard lock(mutex_);
  bool merge = packs_.size() + unreadable_.size() + (writer_ ? 1 : 0) > kMaxPacks;
  if (!writer_ && !merge) return;
  AtomicFileWriter* out = writer();
  if (!out) return;

  // When merging, the new pack also takes each file's newest entry from the old packs (unless this run replaced
  // it) and every entry this run read.
  std::unordered_set<Key, KeyHash> taken;
  std::unordered_set<std::uint64_t> paths_taken;
  for (const auto& w : written_) {
    taken.insert(w.key);
    paths_taken.insert(w.path_hash);
  }
  if (merge) {
    std::unordered_map<std::uint64_t, std::pair<Key, Entry>> newest;  // path -> entry from the newest pack
    for (const auto& [key, entry] : entries_) {
      auto [it, added] = newest.try_emplace(entry.path_hash, key, entry);
      if (!added && entry.pack > it->second.second.pack) it->second = {key, entry};
    }
    auto keep = [&](const Key& key, const Entry& entry) {
      if (!taken.insert(key).second) return;
      Written copy{key, entry.path_hash, out->size(), entry.size};
      if (out->append(std::string_view(packs_[entry.pack].data + entry.offset, entry.size))) written_.push_back(copy);
    };
    for (const auto& [path_hash, e] : newest)
      if (!paths_taken.count(path_hash)) keep(e.first, e.second);
    for (const auto& key : used_)
      if (auto it = entries_.find(key); it != entries_.end()) keep(key, it->second);
  }

  std::uint64_t table = out->size();
  std::string tail;
  for (const auto& w : written_) {
    append_u64(tail, w.key.a);
    append_u64(tail, w.key.b);
    append_u64(tail, w.path_hash);
    append_u64(tail, w.offset);
    append_u64(tail, w.size);
  }
  append_u64(tail, written_.size());
  append_u64(tail, table);
  out->append(tail);
  bool committed = writer_->commit().empty();
  writer_.reset();
  written_.clear();
  if (committed && merge) {
    // The old packs stay mapped here (and in any concurrent run) until unmapped; removing them is safe.
    std::error_code ec;
    for (const auto& pack : packs_) fs::remove(pack.file, ec);
    for (const auto& file : unreadable_) fs::remove(file, ec);
  }
}

}  // namespace connlint
