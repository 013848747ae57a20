// Bad input on the way in: every odd file gets a notice, every other file is still analysed, and notices never
// change the exit code.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "support/run.h"

using namespace connlint::testing;

namespace {

const char* kQueryInLoop =
    "import { PrismaClient } from '@prisma/client'\n"
    "const prisma = new PrismaClient()\n"
    "export async function run(ids: string[]) {\n"
    "  for (const id of ids) {\n"
    "    await prisma.user.findUnique({ where: { id } })\n"
    "  }\n"
    "}\n";

std::filesystem::path make_bad_project() {
  auto dir = temp_dir("bad-input");
  write_file(dir / "good.ts", kQueryInLoop);
  // A syntax error above the loop: tree-sitter recovers and the finding is still made.
  write_file(dir / "syntax.ts", std::string("let half = ;\n") + kQueryInLoop + "function broken( {\n");
  write_file(dir / "binary.ts", std::string("\x7f" "ELF\0\0\0\x01\x02", 9) + "garbage");
  write_file(dir / "latin1.ts", std::string("// caf\xe9 na\xefve\n") + kQueryInLoop);
  write_file(dir / "empty.ts", "");
  std::filesystem::create_symlink(dir / "does-not-exist.ts", dir / "dangling.ts");
  std::string big(20u << 20, ' ');
  big += "export const x = 1\n";
  write_file(dir / "huge.ts", big);
  auto outside = temp_dir("outside");
  write_file(outside / "secret.ts", kQueryInLoop);
  std::filesystem::create_symlink(outside / "secret.ts", dir / "escape.ts");
  return dir;
}

TEST(BadInput, EverySkippedFileHasANoticeAndTheRestIsAnalysed) {
  auto dir = make_bad_project();
  auto r = run_connlint("check . --format json", dir);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  auto doc = nlohmann::json::parse(r.out);  // valid JSON even with invalid UTF-8 in the input
  std::set<std::string> reported;
  for (const auto& f : doc["findings"]) reported.insert(f["location"]["path"].get<std::string>());
  EXPECT_EQ(reported, (std::set<std::string>{"good.ts", "latin1.ts", "syntax.ts"}));
  std::map<std::string, std::string> notices;
  for (const auto& n : doc["notices"]) notices[n["path"].get<std::string>()] += n["message"].get<std::string>();
  EXPECT_NE(notices["binary.ts"].find("binary"), std::string::npos);
  EXPECT_NE(notices["dangling.ts"].find("cannot read"), std::string::npos);
  EXPECT_NE(notices["huge.ts"].find("limit"), std::string::npos);
  EXPECT_NE(notices["latin1.ts"].find("UTF-8"), std::string::npos);
  EXPECT_NE(notices["syntax.ts"].find("syntax errors"), std::string::npos);
  EXPECT_NE(notices["escape.ts"].find("outside"), std::string::npos);
  EXPECT_EQ(notices.count("empty.ts"), 0u) << "an empty file is fine";
  EXPECT_EQ(notices.count("good.ts"), 0u);
  // The same notices reach stderr for people.
  EXPECT_NE(r.err.find("binary.ts"), std::string::npos);
}

TEST(BadInput, NoticesAloneDoNotFailTheRun) {
  auto dir = temp_dir("only-bad");
  write_file(dir / "binary.js", std::string("\0\0\0", 3));
  write_file(dir / "broken.ts", "function ( {\n");
  auto r = run_connlint("check .", dir);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("notice"), std::string::npos);
}

TEST(BadInput, MissingPathIsANotice) {
  auto dir = temp_dir("missing");
  write_file(dir / "a.ts", "export {}\n");
  auto r = run_connlint("check a.ts nope.ts", dir);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("nope.ts: no such file or directory"), std::string::npos) << r.err;
}

TEST(BadInput, HugeFileLimitIsConfigurable) {
  auto dir = temp_dir("limit");
  write_file(dir / "a.ts", std::string(4096, ' ') + kQueryInLoop);
  auto skipped = run_connlint("check . --max-file-size 1K", dir);
  EXPECT_EQ(skipped.exit_code, 0);
  EXPECT_NE(skipped.err.find("limit"), std::string::npos);
  EXPECT_EQ(run_connlint("check . --max-file-size 1M", dir).exit_code, 1);
}

TEST(BadInput, DeepNestingDoesNotCrash) {
  auto dir = temp_dir("deep");
  std::string deep = "export const x = " + std::string(100000, '[') + std::string(100000, ']') + "\n" + kQueryInLoop;
  write_file(dir / "deep.ts", deep);
  auto r = run_connlint("check .", dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the loop after the deep expression is still found
}

}  // namespace
