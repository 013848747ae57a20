#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "index/project_index.h"

namespace connlint::rules {

// One rule: reads the project index and emits findings. A rule neither parses nor prints; its metadata (level,
// docs, family) lives in rules/<id>.json and the driver applies it.
class Rule {
 public:
  virtual ~Rule() = default;
  virtual std::string_view id() const = 0;
  virtual void check(const index::ProjectIndex& index, std::vector<Finding>& out) const = 0;
};

// Every rule connlint has, in id order.
std::vector<std::unique_ptr<Rule>> all_rules();

}  // namespace connlint::rules
