// slow-work-in-transaction: an interactive transaction whose body, directly or through the functions it calls,
// does slow non-database work (HTTP, AI APIs, mail, files, child processes, sleeps). The transaction holds a
// pooled connection (and row locks) for as long as that work takes; modelled on the Clang Static Analyzer's
// BlockInCriticalSection checker ("a blocking call while a lock is held").
#include "rules/rule_util.h"

namespace connlint::rules {

namespace {

using index::CallInfo;

class SlowWorkInTransaction final : public Rule {
 public:
  std::string_view id() const override { return "slow-work-in-transaction"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& tx : interactive_transactions(ctx.index)) {
      const auto& facts = ctx.index.files()[tx.file].facts;
      for (facts::CallId c = 0; c < static_cast<facts::CallId>(facts.calls.size()); ++c) {
        const auto& call = facts.calls[c];
        if (!runs_inside(ctx.index, tx.file, call.function, tx.body)) continue;
        const auto& info = ctx.index.call(tx.file, c);
        index::Witness slow;
        if (info.kind == CallInfo::Kind::Slow) {
          slow = {tx.file, c};
        } else if (info.kind == CallInfo::Kind::Local) {
          const auto* summary = ctx.summaries.of_call(tx.file, c);
          if (!summary || !summary->slow.known()) continue;
          slow = ctx.summaries.operation({tx.file, c}, &index::FunctionSummary::slow);
        } else {
          continue;
        }
        out.push_back(make_finding(ctx, tx, c, slow));
        break;  // one finding per transaction: the first slow call
      }
    }
  }

 private:
  Finding make_finding(const RuleContext& ctx, const TransactionSite& tx, facts::CallId c, index::Witness slow) const {
    const auto& facts = ctx.index.files()[tx.file].facts;
    const auto& opener = facts.calls[tx.call];
    const auto& slow_call = ctx.index.files()[slow.file].facts.calls[slow.call];
    Finding finding = finding_at(id(), ctx.index, tx.file, opener.callee_span, opener.function);
    std::string what = "`" + ctx.index.value_text(slow.file, slow_call.callee) + "()`";
    bool via_helper = slow.file != tx.file || slow.call != c;
    if (via_helper) what = "`" + ctx.index.value_text(tx.file, facts.calls[c].callee) + "()` (which calls " + what + ")";
    finding.message = "this transaction stays open while " + what +
                      " does slow non-database work: it holds a pooled connection and its locks for the whole time";
    finding.help = "do the slow work before the transaction or after it commits, and keep the transaction to the "
                   "writes that must be atomic";
    finding.related.push_back({ctx.index.location(tx.file, facts.calls[c].callee_span), "the slow call"});
    if (via_helper) finding.related.push_back({ctx.index.location(slow.file, slow_call.callee_span), "slow work"});
    return finding;
  }
};

}  // namespace

std::unique_ptr<Rule> make_slow_work_in_transaction() { return std::make_unique<SlowWorkInTransaction>(); }

}  // namespace connlint::rules
