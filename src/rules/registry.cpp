#include <algorithm>

#include "rules/rule.h"

namespace connlint::rules {

std::unique_ptr<Rule> make_query_in_loop();

std::vector<std::unique_ptr<Rule>> all_rules() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(make_query_in_loop());
  std::sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a->id() < b->id(); });
  return rules;
}

}  // namespace connlint::rules
