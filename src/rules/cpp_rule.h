#pragma once
// The C++ side of the rules. A rule idea that applies to both languages keeps one id: its TypeScript part is a
// `Rule` (rule.h, src/rules/<rule>.cpp), its C++ part a `CppRule` in src/rules/<rule>_cpp.cpp that reads the C++
// project (CppFacts joined across translation units, with summaries). Like every rule it neither parses nor prints;
// its metadata (level, docs, family) is rules/<id>.json.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "cpp/project.h"

namespace connlint::rules {

struct CppRuleContext {
  const cpp::Project& project;
};

class CppRule {
 public:
  virtual ~CppRule() = default;
  virtual std::string_view id() const = 0;
  virtual void check(const CppRuleContext& context, std::vector<Finding>& out) const = 0;
};

// Every C++ rule part, in id order.
std::vector<std::unique_ptr<CppRule>> all_cpp_rules();

// Shared helpers.
// A finding with the rule id, primary location and enclosing function filled in.
Finding cpp_finding_at(std::string_view rule, const cpp::Project& project, cpp::UnitId unit, const facts::Span& span,
                       facts::CppFunctionId function);
// "libpq", "SQLite": a library's name for messages.
std::string cpp_library_name(const cpp::Project& project, const std::string& library);
// "`for` loop", "range-`for` loop", "`std::for_each`".
std::string cpp_loop_description(const facts::CppLoop& loop);
// Is this really a transaction? `BEGIN` handed to a project function counts when that function runs a query.
bool cpp_transaction_confirmed(const cpp::Project& project, cpp::UnitId unit, const facts::CppTransaction& tx);
// Calls fn(unit id, unit, transaction) for every confirmed transaction of the project, unit by unit (the walk the
// broad-transaction rules share).
template <typename Fn>
void for_each_cpp_transaction(const cpp::Project& project, Fn&& fn) {
  for (cpp::UnitId u = 0; u < static_cast<cpp::UnitId>(project.units().size()); ++u) {
    const auto& unit = project.units()[u];
    for (const auto& tx : unit.transactions)
      if (cpp_transaction_confirmed(project, u, tx)) fn(u, unit, tx);
  }
}
// Is this SQL schema or maintenance work (CREATE/DROP/ALTER/TRUNCATE/GRANT/COMMENT/ANALYZE/VACUUM/...)?
bool cpp_is_schema_sql(const std::string& sql);
// A test file (tests/, test_*.cpp, *_test.cpp, ...): its own process, not the service's.
bool cpp_is_test_path(const std::string& path);
// Is `loop` (or a loop nested in it, in the same unit) the loop of `call`?
bool cpp_loop_encloses(const facts::CppFacts& unit, facts::CppLoopId outer, facts::CppLoopId loop);

// The findings of the missing-disconnect family for one role of handle: every acquisition of that role whose CFG
// verdict is a leak, a discarded handle or a smart pointer with the wrong deleter. `noun` names the handle ("this
// connection", "this result"), `consequence` says what the leak costs.
void cpp_release_findings(std::string_view rule, const cpp::Project& project, facts::CppHandleRole role,
                          const std::string& noun, const std::string& consequence, std::vector<Finding>& out);

}  // namespace connlint::rules
