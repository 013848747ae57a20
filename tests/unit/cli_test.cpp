// The command line through the real binary: exit codes, formats, --output, determinism across thread counts.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "support/run.h"

using namespace connlint::testing;

TEST(Cli, FindingsExitOneAndCleanCodeExitsZero) {
  auto with = run_connlint("check fixtures/demo");
  EXPECT_EQ(with.exit_code, 1) << with.err;
  auto dir = temp_dir("clean");
  write_file(dir / "ok.ts", "export const x = [1, 2, 3].map((n) => n * 2);\n");
  auto clean = run_connlint("check .", dir);
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_NE(clean.out.find("No problems found"), std::string::npos) << clean.out;
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_connlint("check --format xml fixtures/demo").exit_code, 2);
  EXPECT_EQ(run_connlint("check --no-such-option").exit_code, 2);
  EXPECT_EQ(run_connlint("frobnicate").exit_code, 2);
  EXPECT_EQ(run_connlint("explain no-such-rule").exit_code, 2);
  EXPECT_EQ(run_connlint("check -j 0").exit_code, 2);
  auto r = run_connlint("check --format");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("needs a value"), std::string::npos) << r.err;
}

TEST(Cli, FailOnRaisesTheThreshold) {
  // The demo has error-level findings (client-per-request).
  EXPECT_EQ(run_connlint("check fixtures/demo --fail-on error").exit_code, 1);
  EXPECT_EQ(run_connlint("check fixtures/demo --fail-on never").exit_code, 0);
  EXPECT_EQ(run_connlint("check fixtures/demo --fail-on note").exit_code, 1);
  // Warnings only (query-in-loop): fails at the default level, not with --fail-on error.
  auto dir = temp_dir("warnings-only");
  write_file(dir / "a.ts",
             "import { PrismaClient } from '@prisma/client'\nconst prisma = new PrismaClient()\n"
             "export async function f(ids: string[]) { for (const id of ids) await prisma.user.findUnique({ where: { id } }) }\n");
  EXPECT_EQ(run_connlint("check .", dir).exit_code, 1);
  EXPECT_EQ(run_connlint("check . --fail-on error", dir).exit_code, 0);
}

TEST(Cli, VersionAndHelp) {
  auto v = run_connlint("--version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_TRUE(std::regex_search(v.out, std::regex(R"(^connlint \d+\.\d+\.\d+ \(.*clang version 14)"))) << v.out;
  auto h = run_connlint("--help");
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("query-in-loop"), std::string::npos) << "help lists rules from their metadata";
  EXPECT_EQ(run_connlint("check --help").exit_code, 0);
}

// CONNLINT_TIMING=1 (documented in `check --help`): one line per phase on standard error, the report unchanged.
TEST(Cli, TimingEnvironmentPrintsEachPhase) {
  EXPECT_NE(run_connlint("check --help").out.find("CONNLINT_TIMING"), std::string::npos);
  auto plain = run_connlint("check fixtures/demo --format json --no-cache");
  auto timed = run_connlint("check fixtures/demo --format json --no-cache", source_dir(), "", {{"CONNLINT_TIMING", "1"}});
  EXPECT_EQ(timed.out, plain.out);
  for (const char* phase : {"import pre-pass", "parse and extract facts", "rules", "render the report"})
    EXPECT_NE(timed.err.find(std::string("connlint: timing: ") + phase), std::string::npos) << phase << "\n" << timed.err;
  EXPECT_EQ(plain.err.find("connlint: timing:"), std::string::npos);
}

// VS Code's $gcc problem matcher; Vim and Emacs parse the same shape.
TEST(Cli, GccLinesMatchVsCodeProblemMatcher) {
  auto r = run_connlint("check fixtures/demo --format gcc");
  ASSERT_EQ(r.exit_code, 1);
  std::regex vscode_gcc(R"(^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$)");
  std::regex exact(R"(^[^:]+:\d+:\d+: (warning|error): [a-z`].* \[[a-z0-9-]+\]$)");
  std::istringstream lines(r.out);
  int matched = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find(": note: ") != std::string::npos) continue;
    EXPECT_TRUE(std::regex_match(line, vscode_gcc)) << line;
    EXPECT_TRUE(std::regex_match(line, exact)) << line;
    ++matched;
  }
  EXPECT_GT(matched, 0);
}

TEST(Cli, OutputIsIdenticalWithOneAndTwoThreads) {
  for (const char* format : {"text", "gcc", "json", "sarif"}) {
    auto one = run_connlint(std::string("check fixtures/ts fixtures/demo --no-cache --color never -j1 --format ") + format);
    auto two = run_connlint(std::string("check fixtures/ts fixtures/demo --no-cache --color never -j2 --format ") + format);
    EXPECT_EQ(one.out, two.out) << format;
    EXPECT_EQ(one.exit_code, two.exit_code);
  }
}

TEST(Cli, OutputFileIsWrittenWholeAndKeptOnFailure) {
  auto dir = temp_dir("output");
  auto target = dir / "report.json";
  auto r = run_connlint("check fixtures/demo --format json --output " + shell_quote(target.string()));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty()) << "the report goes to the file, not stdout";
  auto parsed = nlohmann::json::parse(read_file(target));
  EXPECT_GT(parsed["findings"].size(), 0u);
  // A directory that does not exist: exit 2, a clear message, and no stray temporary files.
  auto bad = run_connlint("check fixtures/demo --output " + shell_quote((dir / "missing" / "r.json").string()));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("cannot"), std::string::npos) << bad.err;
  // The previous report stays intact when the new one cannot be written (the target is a directory here).
  std::filesystem::create_directories(dir / "busy");
  write_file(dir / "busy" / "keep", "x");
  auto blocked = run_connlint("check fixtures/demo --output " + shell_quote((dir / "busy").string()));
  EXPECT_EQ(blocked.exit_code, 2);
  EXPECT_EQ(read_file(dir / "busy" / "keep"), "x");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 2) << "report.json and busy/ only: no temporary file left behind";
}

TEST(Cli, RulesTableJsonAndExplain) {
  auto table = run_connlint("rules");
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("query-in-loop"), std::string::npos);
  auto json = run_connlint("rules --format json");
  ASSERT_EQ(json.exit_code, 0);
  auto rules = nlohmann::json::parse(json.out);
  ASSERT_TRUE(rules.is_array());
  EXPECT_EQ(rules[0]["family"].get<std::string>().empty(), false);
  auto explain = run_connlint("explain query-in-loop");
  EXPECT_EQ(explain.exit_code, 0);
  EXPECT_EQ(explain.out.rfind("# query-in-loop", 0), 0u) << explain.out;
}

TEST(Cli, JsonOutputHasTheDocumentedShape) {
  auto r = run_connlint("check fixtures/demo --format json");
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_GT(doc["findings"].size(), 0u);
  const auto& f = doc["findings"][0];
  for (const char* key : {"rule", "family", "level", "message", "help", "location", "function", "related"})
    EXPECT_TRUE(f.contains(key)) << key;
  for (const char* key : {"path", "line", "column", "endLine", "endColumn"}) EXPECT_TRUE(f["location"].contains(key));
  EXPECT_EQ(doc["summary"]["findings"], doc["findings"].size());
}

TEST(Cli, QuietPrintsFindingsOnly) {
  auto r = run_connlint("check fixtures/demo --quiet --color never");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.find("Found "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[query-in-loop]"), std::string::npos);
}

// An in-house wrapper becomes a database library through a catalog file, without recompiling.
TEST(Cli, ExtraCatalogTeachesAnInHouseWrapper) {
  auto dir = temp_dir("catalog");
  write_file(dir / "catalog.json", R"({
    "library": "acme-db", "display_name": "Acme DB", "modules": ["@acme/db"],
    "constructors": [{ "export": "connect", "new": false, "handle": "db" }],
    "handles": { "db": { "queries": ["fetchOne", "fetchAll"], "close": ["shutdown"] } },
    "batching": "use `fetchAll` with the list of ids"
  })");
  write_file(dir / "jobs.ts",
             "import { connect } from '@acme/db'\nconst db = connect(process.env.URL)\n"
             "export async function sync(ids: string[]) {\n  for (const id of ids) await db.fetchOne(id)\n}\n");
  EXPECT_EQ(run_connlint("check .", dir).exit_code, 0) << "unknown library: nothing to report";
  auto r = run_connlint("check . --format gcc --catalog catalog.json", dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("jobs.ts:4:31: warning: `db.fetchOne` runs once per iteration"), std::string::npos) << r.out;
  auto json = run_connlint("check . --format json --catalog catalog.json", dir);
  EXPECT_NE(json.out.find("use `fetchAll`"), std::string::npos) << "the catalog's batching hint is the help";
  write_file(dir / "broken.json", "{ \"library\": ");
  auto bad = run_connlint("check . --catalog broken.json", dir);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("broken.json"), std::string::npos) << bad.err;
}
