#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/level.h"

namespace connlint {

// The five families every rule belongs to; the family is the rule's tag in SARIF.
inline constexpr std::string_view kFamilies[] = {"per-module-client", "query-in-loop", "missing-disconnect",
                                                 "broad-transaction", "pool-config"};

// Everything connlint says about a rule, loaded from rules/<id>.json. It is the single source for the docs pages,
// SARIF rules[], `connlint rules` and `connlint explain`.
struct RuleMeta {
  std::string id;                // stable, kebab-case; what users type in suppressions and configuration
  std::string family;            // one of kFamilies
  Level level = Level::Warning;  // default level
  std::string precision;         // SARIF: very-high | high | medium | low
  std::string problem_severity;  // SARIF: error | warning | recommendation
  std::string security_severity; // "0.1".."10.0" for security rules, else empty
  std::vector<std::string> languages;
  std::string summary;      // one sentence: SARIF shortDescription
  std::string description;  // what it does: SARIF fullDescription
  std::string why;          // why it is bad
  std::string example;      // code that is reported
  std::string fix;          // the same code, fixed
  std::string example_language;  // fence language for the examples
  std::vector<std::string> references;

  // SARIF wants a human name that differs from the id: the PascalCase form ("QueryInLoop").
  std::string sarif_name() const;
  // The rule's documentation page (docs/rules/<id>.md, SARIF help.markdown, `connlint explain`).
  std::string markdown() const;
  // The same page as plain text (SARIF help.text).
  std::string plain_text() const;
};

// Parses one rule file; throws std::runtime_error with the file name and the problem.
RuleMeta parse_rule_meta(std::string_view file_name, std::string_view json_text);

// All built-in rules, sorted by id.
const std::vector<RuleMeta>& builtin_rules();
const RuleMeta* find_rule(std::string_view id);

// docs/rules/README.md: the index of all rules.
std::string rules_index_markdown();

}  // namespace connlint
