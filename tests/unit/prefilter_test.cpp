// The import pre-pass (driver/prefilter.h): what its lexical scan reads, and
// that skipping the files it rules out changes no finding on any fixture
// project.
#include "driver/prefilter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "core/catalog.h"
#include "driver/analyze.h"
#include "support/paths.h"

namespace fs = std::filesystem;
using connlint::ImportScan;
using connlint::scan_imports;
using connlint::testing::source_dir;

namespace {

const connlint::ScannedImport* find(const ImportScan& scan, const std::string& specifier) {
  for (const auto& i : scan.imports)
    if (i.specifier == specifier) return &i;
  return nullptr;
}

TEST(ImportScan, ReadsEveryImportForm) {
  ImportScan scan = scan_imports(R"(
import { Pool, type PoolClient as PC } from 'pg';
import type { User } from "@prisma/client";
import Redis, { Cluster } from "ioredis";
import * as db from './db';
import './side-effect';
export { a, b as c } from "./re";
export * from './all';
const knex = require ( "knex" );
const lazy = await import(`./lazy`);
import x = require('./legacy');
const notAnImport = fromage('./not-this');
)");
  ASSERT_NE(find(scan, "pg"), nullptr);
  EXPECT_FALSE(find(scan, "pg")->whole_module);
  EXPECT_EQ(find(scan, "pg")->names, (std::vector<std::string>{"Pool", "PoolClient"}));
  EXPECT_EQ(find(scan, "@prisma/client")->names, (std::vector<std::string>{"User"}));
  EXPECT_FALSE(find(scan, "@prisma/client")->whole_module);
  EXPECT_TRUE(find(scan, "ioredis")->whole_module);  // default import
  EXPECT_TRUE(find(scan, "./db")->whole_module);     // namespace import
  EXPECT_TRUE(find(scan, "./side-effect")->whole_module);
  EXPECT_EQ(find(scan, "./re")->names, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(find(scan, "./all")->whole_module);
  EXPECT_TRUE(find(scan, "knex")->whole_module);
  EXPECT_TRUE(find(scan, "./lazy")->whole_module);
  EXPECT_TRUE(find(scan, "./legacy")->whole_module);
  EXPECT_EQ(find(scan, "./not-this"), nullptr);
  EXPECT_FALSE(scan.database_url);
}

TEST(ImportScan, OverApproximatesRatherThanMissAnImport) {
  // A quote in a comment or a regular expression must not hide the import after
  // it.
  ImportScan scan = scan_imports("// don't\nconst re = /\"/;\nimport { prisma } from '@/lib/prisma'\n");
  ASSERT_NE(find(scan, "@/lib/prisma"), nullptr);
  EXPECT_EQ(find(scan, "@/lib/prisma")->names, (std::vector<std::string>{"prisma"}));
  // Commented-out imports are read too: a skipped file costs a finding, a
  // parsed one only time.
  EXPECT_NE(find(scan_imports("// import { Pool } from 'pg'\n"), "pg"), nullptr);
}

TEST(ImportScan, FindsDatabaseUrlsOfKnownSchemes) {
  EXPECT_TRUE(scan_imports("const u = 'postgresql://u:p@h/db'").database_url);
  EXPECT_TRUE(scan_imports("const u = \"jdbc:mysql://h/db\"").database_url);
  EXPECT_TRUE(scan_imports("const u = 'MongoDB+SRV://h/db'").database_url);
  EXPECT_FALSE(scan_imports("// see https://example.com/docs\nfetch('http://x')").database_url);
}

std::vector<std::string> fixture_projects() {
  std::vector<std::string> projects{"fixtures/demo"};
  for (const char* language : {"ts", "config"})
    for (const auto& dir : fs::directory_iterator(source_dir() / "fixtures" / language))
      if (dir.is_directory()) projects.push_back(fs::relative(dir.path(), source_dir()).generic_string());
  std::sort(projects.begin(), projects.end());
  return projects;
}

std::string describe(const connlint::AnalysisResult& result) {
  std::ostringstream out;
  for (const auto& f : result.findings) {
    out << f.location.path << ':' << f.location.line << ':' << f.location.column << ' ' << f.rule_id << ' ' << f.message
        << '\n';
    for (const auto& r : f.related)
      out << "  " << r.location.path << ':' << r.location.line << ' ' << r.message << '\n';
    for (const auto& r : f.flow)
      out << "  flow " << r.location.path << ':' << r.location.line << ' ' << r.message << '\n';
  }
  out << "checked " << result.files_analysed << " skipped " << result.files_skipped << '\n';
  return out.str();
}

connlint::AnalysisResult analyse(const std::string& project, bool prefilter) {
  connlint::AnalysisOptions options;
  options.cwd = source_dir();
  options.paths = {project};
  options.jobs = 2;
  options.prefilter = prefilter;
  return connlint::analyze(options, connlint::Catalog::builtin());
}

TEST(Prefilter, ChangesNoFindingOnAnyFixtureProject) {
  std::size_t parsed_with = 0, parsed_without = 0;
  for (const auto& project : fixture_projects()) {
    SCOPED_TRACE(project);
    auto with = analyse(project, true), without = analyse(project, false);
    EXPECT_EQ(describe(with), describe(without));
    EXPECT_LE(with.files_parsed, without.files_parsed);
    parsed_with += with.files_parsed;
    parsed_without += without.files_parsed;
  }
  EXPECT_LT(parsed_with, parsed_without) << "the pre-pass skipped no file in any fixture";
}

TEST(Prefilter, SkipsWhatCannotReachTheDatabaseAndParsesHelpersOfWhatCan) {
  auto with = analyse("fixtures/ts/prefilter", true), without = analyse("fixtures/ts/prefilter", false);
  // Not parsed: the UI component importing a model's type, and the input-type
  // helper binding `Prisma`.
  EXPECT_EQ(without.files_parsed - with.files_parsed, 2u);
  EXPECT_EQ(with.files_analysed, without.files_analysed);
  bool slow_work_through_skipped_helper = false;
  for (const auto& f : with.findings)
    if (f.rule_id == "slow-work-in-transaction") slow_work_through_skipped_helper = true;
  EXPECT_TRUE(slow_work_through_skipped_helper);
}

}  // namespace

namespace {

// Checking one file (a pre-commit hook, an editor) reads the rest of its package as context, narrowed by the
// pre-pass to the modules that use a database themselves and the possible request handlers: the findings in that
// file must be exactly those of a run over the whole project.
TEST(Prefilter, CheckingOneFileFindsWhatTheWholeRunFindsInIt) {
  std::size_t files = 0;
  for (const auto& project : fixture_projects()) {
    if (!fs::exists(source_dir() / project / "package.json")) continue;  // one package per project
    auto whole = analyse(project, true);
    for (const auto& entry : fs::recursive_directory_iterator(source_dir() / project)) {
      std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".ts" && ext != ".tsx" && ext != ".js")) continue;
      std::string path = fs::relative(entry.path(), source_dir()).generic_string();
      SCOPED_TRACE(path);
      connlint::AnalysisOptions options;
      options.cwd = source_dir();
      options.paths = {path};
      options.project_context = true;
      auto alone = connlint::analyze(options, connlint::Catalog::builtin());
      connlint::AnalysisResult expected;
      for (const auto& f : whole.findings)
        if (f.location.path == path) expected.findings.push_back(f);
      expected.files_analysed = alone.files_analysed;
      expected.files_skipped = alone.files_skipped;
      EXPECT_EQ(describe(alone), describe(expected));
      ++files;
    }
  }
  EXPECT_GT(files, 50u);
}

}  // namespace
