#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "core/atomic_write.h"
#include "core/rule_meta.h"

namespace connlint::cli {

int run_rules(const std::vector<std::string>& args) {
  bool json = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--format=json" || (args[i] == "--format" && i + 1 < args.size() && args[++i] == "json")) {
      json = true;
    } else if (args[i] == "--format=text" || (args[i] == "text" && i > 0 && args[i - 1] == "--format")) {
      json = false;
    } else if (args[i] == "-h" || args[i] == "--help") {
      std::cout << "Usage: connlint rules [--format text|json]\n\nLists every rule with its family and default level.\n";
      return kExitClean;
    } else {
      std::cerr << "connlint rules: unknown argument '" << args[i] << "'\n";
      return kExitError;
    }
  }
  const auto& rules = builtin_rules();
  if (json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& r : rules)
      out.push_back({{"id", r.id},
                     {"name", r.sarif_name()},
                     {"family", r.family},
                     {"level", to_string(r.level)},
                     {"precision", r.precision},
                     {"languages", r.languages},
                     {"summary", r.summary}});
    std::cout << out.dump(2) << "\n";
    return kExitClean;
  }
  std::size_t id_width = 4, family_width = 6;
  for (const auto& r : rules) {
    id_width = std::max(id_width, r.id.size());
    family_width = std::max(family_width, r.family.size());
  }
  auto pad = [](std::string s, std::size_t w) { s.resize(std::max(w, s.size()), ' '); return s; };
  std::cout << pad("RULE", id_width) << "  " << pad("FAMILY", family_width) << "  LEVEL    SUMMARY\n";
  for (const auto& r : rules)
    std::cout << pad(r.id, id_width) << "  " << pad(r.family, family_width) << "  "
              << pad(std::string(to_string(r.level)), 7) << "  " << r.summary << "\n";
  return kExitClean;
}

int run_explain(const std::vector<std::string>& args) {
  if (args.size() != 1 || args[0] == "-h" || args[0] == "--help") {
    std::cerr << "Usage: connlint explain RULE\n";
    return args.size() == 1 ? kExitClean : kExitError;
  }
  const RuleMeta* rule = find_rule(args[0]);
  if (!rule) {
    std::cerr << "connlint explain: unknown rule '" << args[0] << "' (see `connlint rules`)\n";
    return kExitError;
  }
  std::cout << rule->markdown();
  return kExitClean;
}

// The rule pages are generated from rules/*.json; a test fails when the committed pages differ.
int run_docs(const std::vector<std::string>& args) {
  namespace fs = std::filesystem;
  std::string dir = "docs/rules";
  bool check = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--check") check = true;
    else if (args[i] == "--dir" && i + 1 < args.size()) dir = args[++i];
    else {
      std::cerr << "Usage: connlint docs [--dir DIR] [--check]\n"
                   "Writes DIR/<rule>.md and DIR/README.md (default DIR: docs/rules); --check only compares.\n";
      return args[i] == "--help" || args[i] == "-h" ? kExitClean : kExitError;
    }
  }
  std::vector<std::pair<fs::path, std::string>> pages;
  for (const auto& r : builtin_rules()) pages.emplace_back(fs::path(dir) / (r.id + ".md"), r.markdown());
  pages.emplace_back(fs::path(dir) / "README.md", rules_index_markdown());
  int stale = 0;
  for (const auto& [path, content] : pages) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream current;
    current << in.rdbuf();
    if (in && current.str() == content) continue;
    if (check) {
      std::cerr << path.string() << " is out of date; run `connlint docs`\n";
      ++stale;
      continue;
    }
    fs::create_directories(path.parent_path());
    if (std::string error = write_file_atomically(path.string(), content); !error.empty()) {
      std::cerr << "connlint docs: " << error << "\n";
      return kExitError;
    }
    std::cout << "wrote " << path.string() << "\n";
  }
  return stale ? kExitFindings : kExitClean;
}

}  // namespace connlint::cli
