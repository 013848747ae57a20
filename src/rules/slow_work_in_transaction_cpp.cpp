// slow-work-in-transaction, C++ part: a transaction (a `pqxx::work` and the other transaction objects, `BEGIN` sent
// as SQL, `mysql_autocommit(m, 0)`, `setAutoCommit(false)`) during which slow non-database work runs: a sleep,
// `curl_easy_perform`, socket I/O, file I/O, a child process, directly or through helpers in any translation unit.
// Which calls run while the transaction is open is decided on the CFG by the front end (src/cpp/transaction_scope.h),
// as the Clang Static Analyzer's BlockInCriticalSection checker does for blocking calls under a lock.
#include "rules/cpp_rule.h"

namespace connlint::rules {

namespace {

class SlowWorkInTransactionCpp final : public CppRule {
 public:
  std::string_view id() const override { return "slow-work-in-transaction"; }

  void check(const CppRuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& project = ctx.project;
    for_each_cpp_transaction(project, [&](cpp::UnitId u, const facts::CppFacts&, const facts::CppTransaction& tx) {
      for (facts::CppCallId c : tx.calls) {
        if (!project.slow({u, c})) continue;
        cpp::Site slow = project.slow_behind({u, c});
        if (!slow.known()) continue;
        out.push_back(make_finding(project, u, tx, c, slow));
        break;  // one finding per transaction: the first slow call
      }
    });
  }

 private:
  Finding make_finding(const cpp::Project& project, cpp::UnitId u, const facts::CppTransaction& tx, facts::CppCallId c,
                       cpp::Site slow) const {
    const auto& call = project.units()[u].calls[c];
    const auto& slow_call = project.call(slow);
    bool via_helper = slow.unit != u || slow.call != c;
    Finding f = cpp_finding_at(id(), project, u, tx.span, tx.function);
    std::string what =
        via_helper ? "`" + call.callee + "()` (which calls `" + slow_call.callee + "`)" : "`" + slow_call.callee + "`";
    f.message = "this transaction (`" + tx.what + "`) stays open while " + what +
                " does slow non-database work: it holds the connection and its locks for the whole time";
    f.help =
        "do the slow work before the transaction starts or after it commits, and keep the transaction to the "
        "statements that must be atomic";
    f.related.push_back({project.location(u, call.span), "the slow call"});
    if (via_helper) f.related.push_back({project.location(slow.unit, slow_call.span), "slow work"});
    return f;
  }
};

}  // namespace

std::unique_ptr<CppRule> make_slow_work_in_transaction_cpp() { return std::make_unique<SlowWorkInTransactionCpp>(); }

}  // namespace connlint::rules
