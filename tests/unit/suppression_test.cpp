// Inline suppressions, unused-suppression reports, and the baseline, through the real binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/suppressions.h"
#include "support/run.h"

using namespace connlint;
using namespace connlint::testing;

namespace {

std::string loop_file(const std::string& comment_above, const std::string& trailing) {
  return "import { PrismaClient } from '@prisma/client'\nconst prisma = new PrismaClient()\n"
         "export async function sync(ids: string[]) {\n  for (const id of ids) {\n" +
         comment_above + "    await prisma.user.findUnique({ where: { id } })" + trailing + "\n  }\n}\n";
}

}  // namespace

TEST(Suppressions, ParsesEveryForm) {
  auto s = find_suppressions("a.ts",
                             "x() // connlint-ignore query-in-loop\n"
                             "// connlint-ignore-next-line query-in-loop, client-per-request -- batch of 3\n"
                             "y()\n"
                             "// connlint-ignore-file\n"
                             "z(); // NOLINT(connlint-query-in-loop)\n"
                             "// NOLINTNEXTLINE(bugprone-foo)\n"
                             "w(); // NOLINT\n"
                             "const s = 'connlint-ignore is not a comment here'\n");
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0].first_line, 1u);
  EXPECT_EQ(s[0].rules, std::vector<std::string>{"query-in-loop"});
  EXPECT_EQ(s[1].first_line, 3u);
  EXPECT_EQ(s[1].rules, (std::vector<std::string>{"query-in-loop", "client-per-request"}));
  EXPECT_EQ(s[1].reason, "batch of 3");
  EXPECT_EQ(s[2].first_line, 0u) << "file-level";
  EXPECT_TRUE(s[2].rules.empty());
  EXPECT_EQ(s[3].rules, std::vector<std::string>{"query-in-loop"});
  EXPECT_TRUE(s[4].rules.empty()) << "a bare NOLINT covers every check, as in clang-tidy";
}

TEST(Suppressions, EachFormSilencesTheFindingThroughTheBinary) {
  for (auto [above, trailing] : std::vector<std::pair<std::string, std::string>>{
           {"    // connlint-ignore-next-line query-in-loop -- three ids at most\n", ""},
           {"", " // connlint-ignore query-in-loop"},
           {"", " // NOLINT(connlint-query-in-loop)"},
           {"    // NOLINTNEXTLINE(connlint-*)\n", ""}}) {
    auto dir = temp_dir("suppress");
    write_file(dir / "a.ts", loop_file(above, trailing));
    auto r = run_connlint("check . --format json", dir);
    EXPECT_EQ(r.exit_code, 0) << above << trailing << r.out;
    auto kept = run_connlint("check . --format sarif --include-suppressed", dir);
    auto sarif = nlohmann::json::parse(kept.out);
    ASSERT_EQ(sarif["runs"][0]["results"].size(), 1u);
    EXPECT_EQ(sarif["runs"][0]["results"][0]["suppressions"][0]["kind"], "inSource");
  }
  auto dir = temp_dir("other-rule");
  write_file(dir / "a.ts", loop_file("    // connlint-ignore-next-line client-per-request\n", ""));
  EXPECT_EQ(run_connlint("check .", dir).exit_code, 1) << "a suppression for another rule does not apply";
}

TEST(Suppressions, UnusedOnesAreReportedOnRequest) {
  auto dir = temp_dir("unused");
  write_file(dir / "a.ts", "export const x = 1 // connlint-ignore query-in-loop\n");
  EXPECT_EQ(run_connlint("check .", dir).exit_code, 0);
  auto r = run_connlint("check . --report-unused-ignores --format gcc", dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("a.ts:1:23: warning: unused suppression `connlint-ignore query-in-loop`"), std::string::npos)
      << r.out;
}

TEST(Baseline, OnlyNewFindingsAfterTheBaselineAndEditsAboveDoNotResurrect) {
  auto dir = temp_dir("baseline");
  write_file(dir / "a.ts", loop_file("", ""));
  auto written = run_connlint("baseline .", dir);
  ASSERT_EQ(written.exit_code, 0) << written.err;
  ASSERT_TRUE(std::filesystem::exists(dir / ".connlint-baseline.json"));
  EXPECT_EQ(run_connlint("check . --baseline .connlint-baseline.json", dir).exit_code, 0);
  // Lines added above move the finding; it stays baselined.
  write_file(dir / "a.ts", "// a new header comment\n\n\n" + loop_file("", ""));
  EXPECT_EQ(run_connlint("check . --baseline .connlint-baseline.json", dir).exit_code, 0);
  // A second, new N+1 in another function is reported.
  write_file(dir / "a.ts", loop_file("", "") + "export async function more(ids: string[]) {\n"
                                               "  for (const id of ids) await prisma.post.count({ where: { id } })\n}\n");
  auto r = run_connlint("check . --baseline .connlint-baseline.json --format gcc", dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("prisma.post.count"), std::string::npos);
  EXPECT_EQ(r.out.find("prisma.user.findUnique"), std::string::npos) << r.out;
  auto sarif = nlohmann::json::parse(run_connlint("check . --baseline .connlint-baseline.json --format sarif --include-suppressed", dir).out);
  int external = 0;
  for (const auto& res : sarif["runs"][0]["results"])
    if (res.contains("suppressions")) external += res["suppressions"][0]["kind"] == "external";
  EXPECT_EQ(external, 1);
}

TEST(Baseline, BrokenBaselineIsAClearError) {
  auto dir = temp_dir("broken-baseline");
  write_file(dir / "a.ts", loop_file("", ""));
  write_file(dir / "b.json", "{ \"findings\": [ { \"rule\": 3 } ] }");
  auto r = run_connlint("check . --baseline b.json", dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("b.json:1:27: \"rule\" must be a string"), std::string::npos) << r.err;
}

TEST(Stdin, UnsavedBufferIsAnalysedAsThatPathWithTheProjectAround) {
  auto dir = temp_dir("stdin");
  write_file(dir / "lib/db.ts", "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient()\n");
  write_file(dir / "jobs/sync.ts", "export const nothing = 1\n");
  std::string buffer = "import { prisma } from '../lib/db'\nexport async function s(ids: string[]) {\n"
                       "  for (const id of ids) await prisma.user.findUnique({ where: { id } })\n}\n";
  auto r = run_connlint("check --stdin-filename jobs/sync.ts --format gcc", dir, buffer);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("jobs/sync.ts:3:31: warning:"), std::string::npos) << r.out;
  EXPECT_EQ(run_connlint("check jobs/sync.ts", dir).exit_code, 0) << "the file on disk is clean";
}
