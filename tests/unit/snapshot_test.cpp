// Snapshot tests of every output format for the demo project. To accept an intended change:
//   CONNLINT_UPDATE_SNAPSHOTS=1 ctest --test-dir build -R Snapshot   (then review `git diff tests/snapshots`)
#include <gtest/gtest.h>

#include <cstdlib>

#include "support/run.h"

using namespace connlint::testing;

namespace {

void expect_snapshot(const std::string& name, const std::string& actual) {
  auto path = source_dir() / "tests" / "snapshots" / name;
  if (std::getenv("CONNLINT_UPDATE_SNAPSHOTS")) {
    write_file(path, actual);
    GTEST_SKIP() << "updated " << path;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; run with CONNLINT_UPDATE_SNAPSHOTS=1";
  EXPECT_EQ(read_file(path), actual) << "snapshot " << name << " differs";
}

class DemoSnapshot : public ::testing::TestWithParam<const char*> {};

TEST_P(DemoSnapshot, MatchesCommittedOutput) {
  std::string format = GetParam();
  auto r = run_connlint("check fixtures/demo --color never --format " + format);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  expect_snapshot(std::string("demo.") + (format == "text" ? "txt" : format), r.out);
}

INSTANTIATE_TEST_SUITE_P(Formats, DemoSnapshot, ::testing::Values("text", "gcc", "json", "sarif"));

}  // namespace
