#pragma once
#include <string>
#include <vector>

#include "core/level.h"
#include "core/location.h"

namespace connlint {

struct RelatedLocation {
  Location location;
  std::string message;  // never empty in output: code scanning rejects related locations without one
};

// One reported problem. Rules fill it; filters and reporters only read it.
struct Finding {
  std::string rule_id;
  Level level = Level::Warning;
  std::string message;  // one sentence saying what is wrong; starts lowercase (gcc convention), no final period
  std::string help;     // how to fix it (shown as a hint; appended to the message in SARIF)
  Location location;    // the construct a reviewer must change
  std::vector<RelatedLocation> related;
  std::string enclosing_function;  // name of the function holding the primary location ("" at module scope)
};

// Deterministic order for every output format: by path, then position, then rule.
inline bool finding_order(const Finding& a, const Finding& b) {
  if (a.location != b.location) return a.location < b.location;
  if (a.rule_id != b.rule_id) return a.rule_id < b.rule_id;
  return a.message < b.message;
}

}  // namespace connlint
