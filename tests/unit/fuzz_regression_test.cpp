// Inputs the fuzzers and the sanitizer build (docs/fuzzing.md) found mishandled, kept as unit tests so that the
// ordinary build checks them too. The same inputs are in tests/fuzz/corpus/<target>/, replayed by every fuzz smoke run.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>

#include "core/baseline.h"
#include "core/config.h"
#include "core/glob.h"
#include "facts/serialize.h"
#include "support/run.h"

using namespace connlint;
using namespace connlint::testing;

namespace {

std::string load_error(const std::string& file_name, const std::string& text) {
  auto file = temp_dir("fuzz-regression") / file_name;
  write_file(file, text);
  try {
    if (file_name == kConfigFileName)
      load_config(file);
    else
      Baseline::load(file);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(FuzzRegression, BaselineCountBeyondSizeTIsRefused) {
  // Was a double -> size_t conversion out of range: undefined behaviour, reported by UBSan (fuzz_baseline).
  EXPECT_EQ(load_error("baseline.json", R"({ "findings": [ { "rule": "r", "path": "p", "count": 1e300 } ] })"),
            "\"count\" is too large");
  EXPECT_EQ(load_error("baseline.json", R"({ "findings": [ { "rule": "r", "path": "p", "count": 3 } ] })"), "");
}

TEST(FuzzRegression, MaxFileSizeThatWouldWrapIsRefused) {
  // 2^44 M is 2^64 bytes: the shift wrapped to 0, and every file was then skipped as too large.
  EXPECT_NE(load_error(kConfigFileName, R"({ "max_file_size": "17592186044416M" })"), "");
  EXPECT_NE(load_error(kConfigFileName, R"({ "max_file_size": "-1" })"), "") << "stoull wraps negative numbers";
  EXPECT_NE(load_error(kConfigFileName, R"({ "max_file_size": " 5K" })"), "");
  EXPECT_EQ(load_error(kConfigFileName, R"({ "max_file_size": "17592186044415M" })"), "");
  EXPECT_EQ(load_error(kConfigFileName, R"({ "max_file_size": "500K" })"), "");
}

TEST(FuzzRegression, DeepChainsDoNotNeedABigProcessStack) {
  // The walk's depth bound needs a few MB of stack; extraction threads used to take RLIMIT_STACK's size, so with
  // `ulimit -s 2048` (and on 2 MB default thread stacks) a 100,000-link call chain crashed connlint. Found by the
  // sanitizer build, where such chains overflowed the usual 8 MB.
  auto dir = temp_dir("deep-chain");
  std::string chain = "import { Pool } from 'pg';\nexport const c = f";
  for (int i = 0; i < 100000; ++i) chain += "(1)";
  write_file(dir / "call_chain.ts", chain + "\n");
  std::string cmd = "cd " + shell_quote(dir.string()) + " && ulimit -s 2048 && " + shell_quote(connlint_binary()) +
                    " check . --no-cache --format json >out.json 2>err.txt";
  int status = std::system(("bash -c " + shell_quote(cmd)).c_str());
  ASSERT_TRUE(WIFEXITED(status)) << read_file(dir / "err.txt").substr(0, 2000);
  EXPECT_EQ(WEXITSTATUS(status), 0) << read_file(dir / "err.txt").substr(0, 2000);
  EXPECT_NE(read_file(dir / "out.json").find("nesting deeper than"), std::string::npos) << read_file(dir / "out.json");
}

TEST(FuzzRegression, DotSlashGlobMatchesNothing) {
  // "./" lost its only characters to the "./" prefix rule, then pattern.back() read before the string (UBSan,
  // fuzz_config, an "ignore" entry).
  EXPECT_FALSE(glob_match("./", "src/app.ts"));
  EXPECT_FALSE(glob_match("./", ""));
  EXPECT_TRUE(glob_match("./src/", "src/app.ts"));
}

TEST(FuzzRegression, NoneInAListOfIdsIsRejected) {
  // fuzz_facts_serialize (format 6): a loop's exit symbols held kNone, which the decoder let through like an optional
  // id; query-in-loop then read symbols[-1] (UBSan). Lists of ids must hold real entries.
  std::string bytes = read_file(source_dir() / "tests/fuzz/corpus/facts_serialize/regression-exit-symbol-none.facts");
  ASSERT_FALSE(bytes.empty());
  EXPECT_THROW(facts::deserialize(bytes), facts::CorruptFacts);
}
