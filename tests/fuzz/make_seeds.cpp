// Writes the seed corpora that are derived from the fixtures, at build time, so that a fixture edit or a change of
// the facts encoding reaches the seeds (committed copies drifted from both):
//   fuzz_make_seeds FIXTURES_DIR OUT_DIR
// OUT_DIR/ts_frontend/: every TS/JS fixture under 16 KB, prefixed with the byte that selects its grammar in
//   fuzz_ts_frontend (its extension's index in that target's path list).
// OUT_DIR/facts_serialize/: the cache encoding of those fixtures' facts, as `connlint check` would store them.
// Hand-made seeds and reproducers stay committed in tests/fuzz/corpus/<target>/.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "core/source_file.h"
#include "driver/facts_cache.h"
#include "facts/serialize.h"
#include "ts/extractor.h"

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxSeedBytes = 16 * 1024;

// The grammar byte of fuzz_ts_frontend.cpp's kPaths for each extension.
const std::map<std::string, char> kGrammarByte = {{".ts", 0},  {".tsx", 1}, {".js", 2},
                                                  {".jsx", 3}, {".mjs", 4}, {".cjs", 5}};

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

bool write_all(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  return static_cast<bool>(out);
}

std::string hex_name(std::string_view bytes) {
  char name[17];
  std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(connlint::hash_bytes(bytes, 0x5eed)));
  return name;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: fuzz_make_seeds FIXTURES_DIR OUT_DIR\n");
    return 2;
  }
  const fs::path fixtures = argv[1], out = argv[2];
  fs::remove_all(out);
  fs::create_directories(out / "ts_frontend");
  fs::create_directories(out / "facts_serialize");
  int written = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fixtures)) {
    auto grammar = kGrammarByte.find(entry.path().extension().string());
    if (!entry.is_regular_file() || grammar == kGrammarByte.end() || entry.file_size() > kMaxSeedBytes) continue;
    std::string content = read_all(entry.path());
    std::string rel = fs::relative(entry.path(), fixtures).generic_string();
    std::string tagged = grammar->second + content;
    connlint::facts::FileFacts facts = connlint::ts::extract_facts(rel, connlint::SourceText(std::move(content)));
    std::string encoded = connlint::facts::serialize(facts);
    if (!write_all(out / "ts_frontend" / hex_name(tagged), tagged) ||
        !write_all(out / "facts_serialize" / hex_name(encoded), encoded)) {
      std::fprintf(stderr, "fuzz_make_seeds: cannot write under %s\n", out.c_str());
      return 2;
    }
    ++written;
  }
  std::printf("fuzz_make_seeds: %d fixtures -> %s\n", written, out.c_str());
  return written > 0 ? 0 : 1;
}
