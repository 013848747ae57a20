#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/level.h"
#include "core/location.h"

namespace connlint {

struct RelatedLocation {
  Location location;
  std::string message;  // never empty in output: code scanning rejects related locations without one
};

// Why a finding is not shown by default: an inline comment says so, or the baseline lists it.
enum class Suppressed { No, InSource, Baseline };

// One reported problem. Rules fill it; filters and reporters only read it.
struct Finding {
  std::string rule_id;
  Level level = Level::Warning;
  std::string message;  // one sentence saying what is wrong; starts lowercase (gcc convention), no final period
  std::string help;     // how to fix it (shown as a hint; appended to the message in SARIF)
  Location location;    // the construct a reviewer must change
  std::vector<RelatedLocation> related;
  std::string enclosing_function;  // name of the function holding the primary location ("" at module scope)
  // Path-shaped findings (a release skipped on an early return): the steps of the path, in order.
  std::vector<RelatedLocation> flow;
  Suppressed suppressed = Suppressed::No;
  std::string suppression_reason;  // the `-- reason` of the comment, or "baseline"
  // A level the rule chose from context (session-state-sql raises itself to error when the project connects through
  // a transaction-mode pooler); the driver keeps it instead of the rule's default level.
  std::optional<Level> level_override;
};

// Deterministic order for every output format: by path, then position, then rule.
inline bool finding_order(const Finding& a, const Finding& b) {
  if (a.location != b.location) return a.location < b.location;
  if (a.rule_id != b.rule_id) return a.rule_id < b.rule_id;
  return a.message < b.message;
}

}  // namespace connlint
