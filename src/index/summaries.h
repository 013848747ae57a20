#pragma once
// Function summaries across files, computed to a fixed point over the call graph: does calling this function
// perform a query, do slow non-DB work, construct a client (uncached), or open a transaction? Rules use them to
// see through helper functions and imports (`for (...) await getUser(id)` where getUser queries).
#include <vector>

#include "index/project_index.h"

namespace connlint::index {

// The call in a function's body that makes a summary fact true: the query itself, or the call into another
// function whose summary has the fact (follow `via` to the next function to reach the real operation).
struct Witness {
  FileId file = -1;
  facts::CallId call = facts::kNone;
  bool known() const { return call != facts::kNone; }
};

struct FunctionSummary {
  Witness query;
  Witness slow;
  Witness construct;
  Witness transaction;
};

class Summaries {
 public:
  explicit Summaries(const ProjectIndex& index);

  const FunctionSummary& of(FileId file, facts::FunctionId fn) const { return summaries_[file][fn]; }
  // For a call: the summary of the function it calls (nullptr when it is not a call to a project function).
  const FunctionSummary* of_call(FileId file, facts::CallId call) const;
  // Follows witnesses from a call to the operation at the end of the chain (the query inside the helper).
  Witness operation(Witness start, Witness FunctionSummary::*fact) const;

 private:
  const ProjectIndex& index_;
  std::vector<std::vector<FunctionSummary>> summaries_;
};

}  // namespace connlint::index
