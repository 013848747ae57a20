#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "index/project_index.h"
#include "index/summaries.h"

namespace connlint::rules {

// Settings rules read (from configuration; defaults here).
struct RuleOptions {
  double transaction_timeout_ms = 10000;  // long-transaction-timeout fires above this
  // serverless-pool-size: how many instances of a serverless function may run at once (a modest burst); a pool
  // size at which fewer instances fill the pooler is reported.
  double serverless_instances = 50;
};

namespace pool {
class ProjectConfig;
}

// Everything a rule may read: the joined facts, the function summaries and the settings.
struct RuleContext {
  const index::ProjectIndex& index;
  const index::Summaries& summaries;
  const RuleOptions& options;
  // How the project connects (its connection strings, pooler, serverless entry points), for the pool-config rules:
  // built once per run (rules/pool_config_util.h), not once per rule.
  const pool::ProjectConfig& pool;
};

// One rule: reads the project and emits findings. A rule neither parses nor prints; its metadata (level, docs,
// family) lives in rules/<id>.json and the driver applies it.
class Rule {
 public:
  virtual ~Rule() = default;
  virtual std::string_view id() const = 0;
  virtual void check(const RuleContext& context, std::vector<Finding>& out) const = 0;
};

// Every rule connlint has, in id order.
std::vector<std::unique_ptr<Rule>> all_rules();

}  // namespace connlint::rules
