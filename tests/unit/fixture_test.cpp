// The fixture harness: every fixture file carries its expectations inline, on the line they are about.
//   `// expect: rule-id`  this line must be reported by rule-id (primary location starts on it)
//   `// ok: rule-id`      a look-alike: rule-id must not report this line
// Any finding on a line without an `expect:` for its rule fails too. Each directory fixtures/<language>/<name>/ and
// fixtures/demo/ is analysed as one project, so cross-file cases resolve inside it (for C/C++, fixtures/cpp/<name>/
// holds a compile_flags.txt that every translation unit in it compiles with). Adding a case needs no code.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/catalog.h"
#include "core/discover.h"
#include "core/rule_meta.h"
#include "driver/analyze.h"
#include "support/paths.h"

namespace fs = std::filesystem;
using connlint::testing::source_dir;

namespace {

struct Expectation {
  std::string path;
  std::uint32_t line;
  std::string rule;
  bool must_report;
  friend bool operator<(const Expectation& a, const Expectation& b) {
    return std::tie(a.path, a.line, a.rule, a.must_report) < std::tie(b.path, b.line, b.rule, b.must_report);
  }
};

std::vector<std::string> fixture_projects() {
  std::vector<std::string> projects;
  fs::path root = source_dir() / "fixtures";
  if (fs::is_directory(root / "demo")) projects.push_back("fixtures/demo");
  for (const auto& language : fs::directory_iterator(root)) {
    if (!language.is_directory() || language.path().filename() == "demo") continue;
    for (const auto& project : fs::directory_iterator(language.path()))
      if (project.is_directory()) projects.push_back(fs::relative(project.path(), source_dir()).generic_string());
  }
  std::sort(projects.begin(), projects.end());
  return projects;
}

std::vector<Expectation> read_expectations(const std::string& project, std::vector<std::string>& errors) {
  static const std::regex marker(R"((?://|/\*|#)\s*(expect|ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*))");
  std::vector<Expectation> out;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir() / project)) {
    if (!entry.is_regular_file()) continue;
    std::string rel = fs::relative(entry.path(), source_dir()).generic_string();
    std::ifstream in(entry.path());
    std::string line;
    for (std::uint32_t n = 1; std::getline(in, line); ++n) {
      for (std::sregex_iterator it(line.begin(), line.end(), marker), end; it != end; ++it) {
        std::stringstream ids((*it)[2].str());
        for (std::string id; std::getline(ids, id, ',');) {
          id.erase(0, id.find_first_not_of(' '));
          id.erase(id.find_last_not_of(' ') + 1);
          if (!connlint::find_rule(id)) errors.push_back(rel + ":" + std::to_string(n) + ": unknown rule '" + id + "'");
          out.push_back({rel, n, id, (*it)[1] == "expect"});
        }
      }
    }
  }
  return out;
}

class FixtureProject : public ::testing::TestWithParam<std::string> {};

TEST_P(FixtureProject, FindingsMatchInlineExpectations) {
  const std::string project = GetParam();
  std::vector<std::string> errors;
  auto expectations = read_expectations(project, errors);

  connlint::AnalysisOptions options;
  options.cwd = source_dir();
  options.paths = {project};
  options.jobs = 2;
  connlint::Catalog catalog = connlint::Catalog::builtin();
  auto result = connlint::analyze(options, catalog);

  std::set<std::tuple<std::string, std::uint32_t, std::string>> expected, reported;
  std::set<std::tuple<std::string, std::uint32_t, std::string>> must_not;
  for (const auto& e : expectations)
    (e.must_report ? expected : must_not).insert({e.path, e.line, e.rule});
  std::map<std::tuple<std::string, std::uint32_t, std::string>, std::string> messages;
  for (const auto& f : result.findings) {
    auto key = std::make_tuple(f.location.path, f.location.line, f.rule_id);
    reported.insert(key);
    messages[key] = f.message;
  }
  for (const auto& key : reported) {
    if (expected.count(key)) continue;
    auto& [path, line, rule] = key;
    errors.push_back("+ unexpected " + path + ":" + std::to_string(line) + " [" + rule + "] " + messages[key] +
                     (must_not.count(key) ? "  (line is marked `ok:`)" : ""));
  }
  for (const auto& key : expected) {
    if (reported.count(key)) continue;
    auto& [path, line, rule] = key;
    errors.push_back("- missing    " + path + ":" + std::to_string(line) + " [" + rule + "]");
  }
  // C/C++ fixtures compile against the real Debian headers with their compile_flags.txt: any compile problem is a
  // broken fixture, not a recovered one.
  for (const auto& n : result.notices)
    for (const char* broken : {"syntax errors", "compile error", "could not be compiled", "no compile command",
                               "Clang does not know"})
      if (n.message.find(broken) != std::string::npos)
        errors.push_back("! fixture does not parse cleanly: " + n.path + ": " + n.message);
  std::string report;
  for (const auto& e : errors) report += e + "\n";
  EXPECT_TRUE(errors.empty()) << project << ": " << errors.size() << " mismatches\n" << report;
  EXPECT_FALSE(expectations.empty()) << project << " has no `expect:`/`ok:` annotations";
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureProject, ::testing::ValuesIn(fixture_projects()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

// The harness itself must catch both directions, or a passing fixture run proves nothing.
TEST(FixtureHarness, EveryProjectHasBothDirections) {
  for (const auto& project : fixture_projects()) {
    std::vector<std::string> errors;
    auto expectations = read_expectations(project, errors);
    bool has_expect = false, has_ok = false;
    for (const auto& e : expectations) (e.must_report ? has_expect : has_ok) = true;
    EXPECT_TRUE(has_expect) << project << " has no must-report case";
    EXPECT_TRUE(has_ok) << project << " has no must-not-report case";
  }
}

}  // namespace
