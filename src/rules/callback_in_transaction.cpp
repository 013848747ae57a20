// callback-in-transaction: a transaction wrapper that runs a caller-supplied callback inside the transaction
// (`withTenant(id, cb) = prisma.$transaction(async tx => { ...; return cb(tx) })`). Whatever the caller does — the
// whole request, AI calls, file exports — then holds a pooled connection (incident 4: every request inside a
// 60 s transaction; the 18th concurrent request failed).
#include "rules/rule_util.h"

namespace connlint::rules {

namespace {

class CallbackInTransaction final : public Rule {
 public:
  std::string_view id() const override { return "callback-in-transaction"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    for (const auto& tx : interactive_transactions(ctx.index)) {
      const auto& facts = ctx.index.files()[tx.file].facts;
      const auto& opener = facts.calls[tx.call];
      for (const auto& call : facts.calls) {
        if (!call.callee.steps.empty() || call.callee.symbol == facts::kNone) continue;
        if (!runs_inside(ctx.index, tx.file, call.function, tx.body)) continue;
        const auto& callee = facts.symbols[call.callee.symbol];
        if (callee.kind != facts::SymbolKind::Parameter || !encloses(facts, callee.function, opener.function))
          continue;
        Finding finding = finding_at(id(), ctx.index, tx.file, opener.callee_span, opener.function);
        finding.message = "this transaction runs the caller's callback `" + callee.name +
                          "` inside it: everything the caller does holds a pooled connection until it returns";
        finding.help = "run only the writes that must be atomic in the transaction; let callers open their own "
                       "short transactions instead of wrapping the whole request";
        finding.related.push_back({ctx.index.location(tx.file, call.callee_span), "the callback runs here"});
        out.push_back(std::move(finding));
        break;
      }
    }
  }

 private:
  // Is `outer` the function `inner` is written in, or one around it?
  static bool encloses(const facts::FileFacts& facts, facts::FunctionId outer, facts::FunctionId inner) {
    for (facts::FunctionId fn = inner; fn != facts::kNone; fn = facts.functions[fn].parent)
      if (fn == outer) return true;
    return false;
  }
};

}  // namespace

std::unique_ptr<Rule> make_callback_in_transaction() { return std::make_unique<CallbackInTransaction>(); }

}  // namespace connlint::rules
