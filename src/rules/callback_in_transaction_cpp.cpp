// callback-in-transaction, C++ part: a transaction during which the function calls something its caller passed in
// (a `std::function` or function-pointer parameter, a template callable): whatever the caller supplies, often a
// whole request's work, then runs inside the transaction.
#include "rules/cpp_rule.h"

namespace connlint::rules {

namespace {

class CallbackInTransactionCpp final : public CppRule {
 public:
  std::string_view id() const override { return "callback-in-transaction"; }

  void check(const CppRuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& project = ctx.project;
    for_each_cpp_transaction(project, [&](cpp::UnitId u, const facts::CppFacts& unit, const facts::CppTransaction& tx) {
      for (facts::CppCallId c : tx.calls) {
        const auto& call = unit.calls[c];
        if (call.kind != facts::CppCallKind::Callback) continue;
        Finding f = cpp_finding_at(id(), project, u, tx.span, tx.function);
        f.message = "this transaction (`" + tx.what + "`) runs `" + call.callee +
                    "`, a callable the caller passed in: whatever it does, however slow, holds the transaction "
                    "and its connection open";
        f.help =
            "let the callback compute what to write, then open the transaction only around the writes "
            "(or document and enforce that the callback only issues statements on the transaction)";
        f.related.push_back({project.location(u, call.span), "the callback invocation"});
        out.push_back(std::move(f));
        break;
      }
    });
  }
};

}  // namespace

std::unique_ptr<CppRule> make_callback_in_transaction_cpp() { return std::make_unique<CallbackInTransactionCpp>(); }

}  // namespace connlint::rules
