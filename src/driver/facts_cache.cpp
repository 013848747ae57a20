#include "driver/facts_cache.h"

#include <unistd.h>

#include <cstring>
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

FactsCache::FactsCache(fs::path dir) : dir_(std::move(dir)) {}

fs::path FactsCache::entry(const std::string& path, std::string_view content) const {
  std::string salt = std::string(CONNLINT_VERSION) + "/" + std::to_string(facts::kFactsFormatVersion) + "/" + path;
  std::uint64_t a = hash_bytes(content, hash_bytes(salt, 1));
  std::uint64_t b = hash_bytes(content, hash_bytes(salt, 2));
  char name[40];
  std::snprintf(name, sizeof name, "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return dir_ / std::string(name, 2) / (std::string(name + 2) + ".facts");
}

std::optional<facts::FileFacts> FactsCache::get(const std::string& path, std::string_view content) const {
  std::ifstream in(entry(path, content), std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream bytes;
  bytes << in.rdbuf();
  try {
    facts::FileFacts f = facts::deserialize(bytes.str());
    if (f.path != path) return std::nullopt;  // a hash collision is possible in principle: never trust it
    return f;
  } catch (const facts::CorruptFacts&) {
    return std::nullopt;  // rebuilt and overwritten by the caller
  }
}

void FactsCache::put(const std::string& path, std::string_view content, const facts::FileFacts& facts) const {
  fs::path file = entry(path, content);
  std::error_code ec;
  if (!fs::exists(dir_, ec)) {
    fs::create_directories(dir_, ec);
    // Like ruff's cache: a .gitignore inside keeps it out of version control without touching the project's.
    std::ofstream(dir_ / ".gitignore") << "# Created by connlint\n*\n";
  }
  fs::create_directories(file.parent_path(), ec);
  if (ec) return;  // a read-only checkout just runs without a cache
  write_file_atomically(file.string(), facts::serialize(facts), /*durable=*/false);
}

}  // namespace connlint
