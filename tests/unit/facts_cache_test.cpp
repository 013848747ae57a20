// Facts survive the round trip through bytes, corrupted bytes are refused, and the cache never changes results.
#include <gtest/gtest.h>

#include "core/source_file.h"
#include "core/catalog.h"
#include "driver/analyze.h"
#include "driver/facts_cache.h"
#include "facts/serialize.h"
#include "support/run.h"
#include "ts/extractor.h"

using namespace connlint;
using namespace connlint::testing;

namespace {

std::vector<std::filesystem::path> fixture_sources() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(source_dir() / "fixtures/ts"))
    if (e.is_regular_file() && (e.path().extension() == ".ts" || e.path().extension() == ".tsx" ||
                                e.path().extension() == ".js"))
      out.push_back(e.path());
  return out;
}

}  // namespace

TEST(FactsSerialization, RoundTripIsExactOnEveryFixture) {
  auto files = fixture_sources();
  ASSERT_GT(files.size(), 50u);
  for (const auto& path : files) {
    SourceText text(read_file(path));
    auto facts = ts::extract_facts(path.filename().string(), text);
    std::string bytes = facts::serialize(facts);
    auto back = facts::deserialize(bytes);
    EXPECT_EQ(facts::serialize(back), bytes) << path;
    EXPECT_EQ(back.calls.size(), facts.calls.size());
  }
}

TEST(FactsSerialization, CorruptedBytesAreRejectedNotTrusted) {
  SourceText text(read_file(source_dir() / "fixtures/demo/src/app/api/reports/route.ts"));
  std::string bytes = facts::serialize(ts::extract_facts("route.ts", text));
  int rejected = 0;
  // Truncations and flipped bytes anywhere: either a clean exception or facts that pass the index checks.
  for (std::size_t cut = 0; cut < bytes.size(); cut += 7) {
    try {
      facts::deserialize(std::string_view(bytes).substr(0, cut));
    } catch (const facts::CorruptFacts&) {
      ++rejected;
    }
  }
  EXPECT_GT(rejected, 0);
  for (std::size_t at = 0; at < bytes.size(); at += 5) {
    std::string broken = bytes;
    broken[at] = static_cast<char>(broken[at] ^ 0x5A);
    try {
      facts::deserialize(broken);
    } catch (const facts::CorruptFacts&) {
    }
  }
  EXPECT_THROW(facts::deserialize(""), facts::CorruptFacts);
}

// A cache that silently misses still gives the right report; only the counts show that it is used at all.
TEST(FactsCache, SecondRunReadsEveryFileFromTheCache) {
  auto dir = temp_dir("cache-hits");
  std::filesystem::copy(source_dir() / "fixtures/demo", dir / "demo", std::filesystem::copy_options::recursive);
  connlint::AnalysisOptions options;
  options.cwd = dir;
  options.paths = {"demo"};
  options.cache_dir = dir / "cache";
  auto cold = connlint::analyze(options, connlint::Catalog::builtin());
  ASSERT_GT(cold.files_parsed, 5u);
  EXPECT_EQ(cold.files_from_cache, 0u);
  auto warm = connlint::analyze(options, connlint::Catalog::builtin());
  EXPECT_EQ(warm.files_parsed, cold.files_parsed);
  EXPECT_EQ(warm.files_from_cache, cold.files_parsed);
  EXPECT_EQ(warm.findings.size(), cold.findings.size());
}

TEST(FactsCache, SecondRunAndCorruptEntriesGiveTheSameReport) {
  auto dir = temp_dir("cache");
  std::filesystem::copy(source_dir() / "fixtures/demo", dir / "demo", std::filesystem::copy_options::recursive);
  auto cold = run_connlint("check demo --format json --cache-dir cache", dir);
  ASSERT_TRUE(std::filesystem::exists(dir / "cache/.gitignore"));
  auto warm = run_connlint("check demo --format json --cache-dir cache", dir);
  EXPECT_EQ(cold.out, warm.out);
  int corrupted = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "cache"))
    if (e.path().extension() == ".facts") {
      write_file(e.path(), "garbage");
      ++corrupted;
    }
  EXPECT_GT(corrupted, 10);
  auto rebuilt = run_connlint("check demo --format json --cache-dir cache", dir);
  EXPECT_EQ(cold.out, rebuilt.out);
  auto uncached = run_connlint("check demo --format json --no-cache", dir);
  EXPECT_EQ(cold.out, uncached.out);
}
