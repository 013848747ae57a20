// Inputs the fuzzers and the sanitizer build (docs/fuzzing.md) found mishandled, kept as unit tests so that the
// ordinary build checks them too. The same inputs are in tests/fuzz/corpus/<target>/, replayed by every fuzz smoke run.
#include <gtest/gtest.h>

#include "core/baseline.h"
#include "core/config.h"
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
