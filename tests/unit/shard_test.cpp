// `check --shard K/N --facts-out` + `merge`: merging the shards gives exactly
// the single run's report.
#include <gtest/gtest.h>

#include "support/run.h"

namespace fs = std::filesystem;
using connlint::testing::read_file;
using connlint::testing::run_connlint;
using connlint::testing::shell_quote;
using connlint::testing::temp_dir;
using connlint::testing::write_file;

namespace {

// The merged SARIF of `project` split `shards` ways, next to the single run's.
std::pair<std::string, std::string> merged_and_single(const std::string& project, unsigned shards,
                                                      const std::string& extra = "--no-cache") {
  fs::path dir = temp_dir("shards");
  std::string files;
  for (unsigned k = 1; k <= shards; ++k) {
    std::string out = (dir / ("shard-" + std::to_string(k) + ".facts")).string();
    auto r = run_connlint("check " + project + " " + extra + " --shard " + std::to_string(k) + "/" +
                          std::to_string(shards) + " --facts-out " + shell_quote(out));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    files += " " + shell_quote(out);
  }
  auto merged = run_connlint("merge" + files + " " + extra + " --format sarif");
  auto single = run_connlint("check " + project + " " + extra + " --format sarif");
  EXPECT_EQ(merged.exit_code, single.exit_code) << merged.err;
  fs::remove_all(dir);
  return {merged.out, single.out};
}

TEST(Shards, MergedSarifIsExactlyTheSingleRunsSarif) {
  for (const char* project : {"fixtures/demo", "fixtures/ts/prefilter", "fixtures/ts/query-in-loop-helpers",
                              "fixtures/ts/per-module-client-many-modules", "fixtures/config"}) {
    for (unsigned n : {1u, 2u, 3u, 5u}) {
      SCOPED_TRACE(std::string(project) + " in " + std::to_string(n) + " shards");
      auto [merged, single] = merged_and_single(project, n);
      EXPECT_FALSE(single.empty());
      EXPECT_EQ(merged, single);
    }
  }
}

TEST(Shards, CppTranslationUnitsMergeToo) {
  auto [merged, single] = merged_and_single("fixtures/cpp/missing-disconnect", 3);
  EXPECT_NE(single.find("\"ruleId\""), std::string::npos);
  EXPECT_EQ(merged, single);
}

TEST(Shards, EveryShardMustBeGivenOnceAndFromTheSameSplit) {
  fs::path dir = temp_dir("shards-bad");
  for (unsigned k = 1; k <= 2; ++k)
    ASSERT_EQ(run_connlint("check fixtures/demo --no-cache --shard " + std::to_string(k) + "/2 --facts-out " +
                           shell_quote((dir / (std::to_string(k) + ".facts")).string()))
                  .exit_code,
              0);
  ASSERT_EQ(run_connlint("check fixtures/ts/prefilter --no-cache --shard 1/2 --facts-out " +
                         shell_quote((dir / "other.facts").string()))
                .exit_code,
            0);
  auto missing = run_connlint("merge " + shell_quote((dir / "1.facts").string()));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("1 of 2 shards"), std::string::npos) << missing.err;
  auto twice =
      run_connlint("merge " + shell_quote((dir / "1.facts").string()) + " " + shell_quote((dir / "1.facts").string()));
  EXPECT_EQ(twice.exit_code, 2);
  auto mixed = run_connlint("merge " + shell_quote((dir / "1.facts").string()) + " " +
                            shell_quote((dir / "other.facts").string()));
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.err.find("another split"), std::string::npos) << mixed.err;
  // A damaged file is refused with its name, never half-read.
  std::string bytes = read_file(dir / "2.facts");
  write_file(dir / "2.facts", bytes.substr(0, bytes.size() / 2));
  auto truncated =
      run_connlint("merge " + shell_quote((dir / "1.facts").string()) + " " + shell_quote((dir / "2.facts").string()));
  EXPECT_EQ(truncated.exit_code, 2);
  EXPECT_NE(truncated.err.find("2.facts"), std::string::npos) << truncated.err;
  auto usage = run_connlint("check fixtures/demo --shard 3/2 --facts-out x");
  EXPECT_EQ(usage.exit_code, 2);
  auto alone = run_connlint("check fixtures/demo --shard 1/2");
  EXPECT_EQ(alone.exit_code, 2);
  fs::remove_all(dir);
}

TEST(Shards, AFileChangedAfterItsShardRanIsParsedAgain) {
  fs::path dir = temp_dir("shards-changed");
  write_file(dir / "package.json", "{}");
  write_file(dir / "db.ts",
             "import { Pool } from 'pg';\nexport const pool = new Pool({ max: "
             "5, connectionTimeoutMillis: 5000 });\n");
  write_file(dir / "a.ts",
             "import { pool } from './db';\nexport async "
             "function f() { return 1; }\n");
  auto shard = run_connlint("check . --no-cache --shard 1/1 --facts-out facts.bin", dir);
  ASSERT_EQ(shard.exit_code, 0) << shard.err;
  write_file(dir / "a.ts",
             "import { pool } from './db';\nexport async function f(ids: string[]) {\n"
             "  for (const id of ids) await pool.query('SELECT 1 WHERE id = $1', "
             "[id]);\n}\n");
  auto merged = run_connlint("merge facts.bin --no-cache --format gcc", dir);
  auto single = run_connlint("check . --no-cache --format gcc", dir);
  EXPECT_EQ(merged.exit_code, 1);
  EXPECT_NE(merged.out.find("[query-in-loop]"), std::string::npos) << merged.out;
  EXPECT_EQ(merged.out, single.out);
  fs::remove_all(dir);
}

}  // namespace
