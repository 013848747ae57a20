// The Clang front end is a module loaded only for C/C++ work (src/driver/clang_module.h): a TypeScript-only run never
// maps LLVM or Clang, a C/C++ run loads the module from where it is installed, and without a usable module the rest
// of the run is analysed and reported, with a notice saying what was tried and why it failed.
#include "driver/clang_module.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/catalog.h"
#include "driver/analyze.h"
#include "support/run.h"
#include "version.h"

using namespace connlint::testing;
using nlohmann::json;

namespace {

// The shared objects the dynamic loader opened, from its LD_DEBUG=files trace ("file=NAME [0];  ...").
std::vector<std::string> opened_libraries(const std::string& trace) {
  std::vector<std::string> out;
  std::istringstream in(trace);
  for (std::string line; std::getline(in, line);) {
    auto at = line.find("file=");
    auto end = line.find(" [", at);
    if (at == std::string::npos || end == std::string::npos || line.find("opening file=") != std::string::npos)
      continue;
    std::string name = line.substr(at + 5, end - at - 5);
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

bool any_contains(const std::vector<std::string>& names, const std::string& part) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return n.find(part) != std::string::npos; });
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += n + "\n";
  return out;
}

std::filesystem::path module_file() {
  return std::filesystem::path(connlint_binary()).parent_path() / "libconnlint-clang.so";
}

std::set<std::string> finding_paths(const RunResult& r) {
  std::set<std::string> out;
  json doc = json::parse(r.out, nullptr, false);
  if (doc.is_object() && doc.contains("findings"))
    for (const auto& f : doc["findings"]) out.insert(f["location"]["path"].get<std::string>());
  return out;
}

constexpr const char* kCppUnit = "fixtures/cpp/query-in-loop/src/wrapped.cpp";

}  // namespace

// The point of the module: a run without C/C++ does not even open LLVM or Clang (the binary does not link them).
TEST(ClangModule, TypeScriptOnlyRunNeverOpensClangOrLlvm) {
  auto r = run_connlint("check fixtures/demo --no-cache -q", source_dir(), "", {{"LD_DEBUG", "files"}});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto opened = opened_libraries(r.err);
  ASSERT_TRUE(any_contains(opened, "libtree-sitter")) << "no LD_DEBUG trace?\n" << r.err.substr(0, 2000);
  EXPECT_FALSE(any_contains(opened, "libLLVM")) << joined(opened);
  EXPECT_FALSE(any_contains(opened, "libclang-cpp")) << joined(opened);
  EXPECT_FALSE(any_contains(opened, "libconnlint-clang")) << joined(opened);
}

TEST(ClangModule, CppRunAndVersionLoadTheModule) {
  auto r = run_connlint(std::string("check ") + kCppUnit + " -f json", source_dir(), "", {{"LD_DEBUG", "files"}});
  EXPECT_EQ(r.exit_code, 1) << r.err.substr(0, 4000);
  auto opened = opened_libraries(r.err);
  EXPECT_TRUE(any_contains(opened, module_file().string())) << joined(opened);
  EXPECT_TRUE(any_contains(opened, "libLLVM")) << joined(opened);
  EXPECT_EQ(finding_paths(r), std::set<std::string>{kCppUnit}) << r.out;
  auto version = run_connlint("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("clang version"), std::string::npos) << version.out;
  EXPECT_EQ(version.err, "");
}

// In process: analyze() loads the module for C/C++ units only. The test binary lives in build/tests/, so it finds
// the module through the build tree's directory baked in at configure time. Each check runs in a fresh process
// (threadsafe death tests re-execute the test binary), whatever other tests loaded before.
TEST(ClangModule, AnalyzeLoadsTheModuleOnlyForCppUnits) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto analyse = [](const std::string& path) {
    connlint::AnalysisOptions options;
    options.cwd = source_dir();
    options.paths = {path};
    options.jobs = 1;
    return connlint::analyze(options, connlint::Catalog::builtin());
  };
  EXPECT_EXIT(
      {
        auto result = analyse("fixtures/demo");
        std::exit(!result.findings.empty() && !connlint::clang_module_loaded() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
  EXPECT_EXIT(
      {
        auto result = analyse(kCppUnit);
        std::exit(!result.findings.empty() && connlint::clang_module_loaded() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

// Without the module (CONNLINT_CLANG_MODULE names a file that is not there), TypeScript and configuration are
// analysed and reported exactly as usual; the C/C++ unit is counted as skipped, with one notice.
TEST(ClangModule, MissingModuleStillReportsEverythingElse) {
  auto dir = temp_dir("no-module");
  std::string missing = (dir / "nowhere/libconnlint-clang.so").string();
  auto normal = run_connlint("check fixtures/demo --no-cache -f json");
  auto r = run_connlint(std::string("check fixtures/demo ") + kCppUnit + " --no-cache -f json", source_dir(), "",
                        {{"CONNLINT_CLANG_MODULE", missing}});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_FALSE(finding_paths(normal).empty());
  EXPECT_EQ(finding_paths(r), finding_paths(normal)) << r.out;
  EXPECT_EQ(json::parse(r.out)["summary"]["filesSkipped"],
            json::parse(normal.out)["summary"]["filesSkipped"].get<int>() + 1)
      << r.out;
  EXPECT_NE(r.err.find(std::string("connlint: notice: ") + kCppUnit +
                       ": C/C++ analysis unavailable, 1 translation unit not analysed: cannot load "
                       "libconnlint-clang.so (searched " +
                       missing + "): not found"),
            std::string::npos)
      << r.err;

  EXPECT_NE(run_connlint("check --help").out.find("CONNLINT_CLANG_MODULE=FILE"), std::string::npos);

  auto version = run_connlint("--version", source_dir(), "", {{"CONNLINT_CLANG_MODULE", missing}});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, "connlint " CONNLINT_VERSION "\n");
  EXPECT_NE(version.err.find("note: C/C++ analysis unavailable: cannot load libconnlint-clang.so"), std::string::npos)
      << version.err;
}

// A file that is not a loadable module: dlerror()'s message is passed on. A module from another build: refused before
// anything in it is called.
TEST(ClangModule, UnloadableOrForeignModuleIsRefusedWithTheReason) {
  auto dir = temp_dir("bad-module");
  write_file(dir / "libconnlint-clang.so", std::string(200, 'x'));  // longer than an ELF header
  auto garbage = run_connlint(std::string("check ") + kCppUnit, source_dir(), "",
                              {{"CONNLINT_CLANG_MODULE", (dir / "libconnlint-clang.so").string()}});
  EXPECT_EQ(garbage.exit_code, 0) << garbage.err;
  EXPECT_NE(garbage.err.find("C/C++ analysis unavailable"), std::string::npos) << garbage.err;
  EXPECT_NE(garbage.err.find("invalid ELF header"), std::string::npos) << garbage.err;

  auto foreign = run_connlint(std::string("check ") + kCppUnit, source_dir(), "",
                              {{"CONNLINT_CLANG_MODULE", CONNLINT_FAKE_CLANG_MODULE}});
  EXPECT_EQ(foreign.exit_code, 0) << foreign.err;
  EXPECT_NE(
      foreign.err.find(std::string(CONNLINT_FAKE_CLANG_MODULE) +
                       ": from another build of connlint (connlint 0.0.0, another build; this connlint: connlint "),
      std::string::npos)
      << foreign.err;
}

// The search: beside the executable first, then <executable's directory>/../lib/connlint/ (the installed layout),
// before the build tree's directory.
TEST(ClangModule, FoundBesideTheBinaryThenInLibConnlint) {
  auto root = temp_dir("install");
  std::filesystem::create_directories(root / "bin");
  std::filesystem::create_directories(root / "lib/connlint");
  std::filesystem::copy_file(connlint_binary(), root / "bin/connlint");
  std::filesystem::copy_file(module_file(), root / "lib/connlint/libconnlint-clang.so");
  auto installed = run_program(root / "bin/connlint", "--version", root, "", {{"LD_DEBUG", "files"}});
  EXPECT_EQ(installed.exit_code, 0) << installed.err.substr(0, 4000);
  auto opened = opened_libraries(installed.err);
  EXPECT_TRUE(any_contains(opened, (root / "lib/connlint/libconnlint-clang.so").string())) << joined(opened);
  EXPECT_FALSE(any_contains(opened, module_file().string())) << joined(opened);
  EXPECT_NE(installed.out.find("clang version"), std::string::npos) << installed.out;

  std::filesystem::copy_file(module_file(), root / "bin/libconnlint-clang.so");
  auto beside = run_program(root / "bin/connlint", "--version", root, "", {{"LD_DEBUG", "files"}});
  opened = opened_libraries(beside.err);
  EXPECT_TRUE(any_contains(opened, (root / "bin/libconnlint-clang.so").string())) << joined(opened);
  EXPECT_FALSE(any_contains(opened, (root / "lib/connlint/libconnlint-clang.so").string())) << joined(opened);
  std::filesystem::remove_all(root);
}
