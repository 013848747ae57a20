// loop-in-transaction: an interactive transaction whose body loops over queries: it stays open (holding a pooled
// connection and its row locks) for N round trips. The queries themselves are also query-in-loop findings; this
// one points at the transaction, whose scope is the thing to shrink.
#include "rules/rule_util.h"

namespace connlint::rules {

namespace {

using index::CallInfo;

class LoopInTransaction final : public Rule {
 public:
  std::string_view id() const override { return "loop-in-transaction"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& tx : interactive_transactions(ctx.index)) {
      const auto& facts = ctx.index.files()[tx.file].facts;
      for (facts::CallId c = 0; c < static_cast<facts::CallId>(facts.calls.size()); ++c) {
        const auto& call = facts.calls[c];
        if (call.loop == facts::kNone || !runs_inside(ctx.index, tx.file, call.function, tx.body)) continue;
        const auto& loop = facts.loops[call.loop];
        if (loop.literal_iterable || !runs_inside(ctx.index, tx.file, loop.function, tx.body)) continue;
        const auto& info = ctx.index.call(tx.file, c);
        bool queries = info.kind == CallInfo::Kind::Query;
        if (info.kind == CallInfo::Kind::Local) {
          const auto* summary = ctx.summaries.of_call(tx.file, c);
          queries = summary && summary->query.known();
        }
        if (!queries) continue;
        const auto& opener = facts.calls[tx.call];
        Finding finding = finding_at(id(), ctx.index, tx.file, opener.callee_span, opener.function);
        finding.message = "this transaction loops over queries: it stays open, holding a pooled connection and its "
                          "locks, for one round trip per item";
        finding.help = "batch the loop's queries into one statement (`createMany`, `WHERE id = ANY($1)`, "
                       "`inArray`) so the transaction is short";
        finding.related.push_back({ctx.index.location(tx.file, loop.header), "the loop"});
        finding.related.push_back({ctx.index.location(tx.file, call.callee_span), "the query in the loop"});
        out.push_back(std::move(finding));
        break;
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_loop_in_transaction() { return std::make_unique<LoopInTransaction>(); }

}  // namespace connlint::rules
