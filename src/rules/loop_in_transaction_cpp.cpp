// loop-in-transaction, C++ part: a transaction during which a loop (or a standard algorithm) runs a query per
// iteration, directly or through a helper: the transaction stays open for N round trips. The queries themselves
// are also query-in-loop findings; this one points at the transaction.
#include "rules/cpp_rule.h"

namespace connlint::rules {

namespace {

class LoopInTransactionCpp final : public CppRule {
 public:
  std::string_view id() const override { return "loop-in-transaction"; }

  void check(const CppRuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& project = ctx.project;
    for_each_cpp_transaction(project, [&](cpp::UnitId u, const facts::CppFacts& unit, const facts::CppTransaction& tx) {
      bool reported = false;
      for (facts::CppLoopId loop : tx.loops) {
        for (facts::CppCallId c = 0; c < static_cast<facts::CppCallId>(unit.calls.size()) && !reported; ++c) {
          const auto& call = unit.calls[c];
          if (call.loop == facts::kNone || !cpp_loop_encloses(unit, loop, call.loop) || !project.queries({u, c}))
            continue;
          Finding f = cpp_finding_at(id(), project, u, tx.span, tx.function);
          f.message = "this transaction (`" + tx.what +
                      "`) loops over queries: it stays open, holding the "
                      "connection and its locks, for one round trip per item";
          f.help =
              "batch the loop's statements into one (`= ANY($1)`, a multi-row `VALUES` list, `COPY`) so the "
              "transaction is short";
          f.related.push_back({project.location(u, unit.loops[call.loop].header), "the loop"});
          f.related.push_back({project.location(u, call.span), "the query in the loop"});
          out.push_back(std::move(f));
          reported = true;
        }
        if (reported) break;
      }
    });
  }
};

}  // namespace

std::unique_ptr<CppRule> make_loop_in_transaction_cpp() { return std::make_unique<LoopInTransactionCpp>(); }

}  // namespace connlint::rules
