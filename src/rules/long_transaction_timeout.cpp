// long-transaction-timeout: a transaction whose timeout option is raised above a threshold (default 10 s,
// configurable). Teams raise the timeout instead of shrinking the transaction; a 60 s timeout lets one request
// hold a connection for a minute.
#include <cmath>

#include <algorithm>

#include "rules/rule_util.h"

namespace connlint::rules {

namespace {

class LongTransactionTimeout final : public Rule {
 public:
  std::string_view id() const override { return "long-transaction-timeout"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& files = ctx.index.files();
    for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
      if (!files[f].reported) continue;
      const auto& calls = files[f].facts.calls;
      for (facts::CallId c = 0; c < static_cast<facts::CallId>(calls.size()); ++c) {
        const auto& info = ctx.index.call(f, c);
        if (info.kind != index::CallInfo::Kind::Transaction || info.transaction->timeout_keys.empty()) continue;
        check_options(ctx, f, calls[c], *info.transaction, out);
      }
    }
  }

 private:
  void check_options(const RuleContext& ctx, index::FileId f, const facts::Call& call, const TransactionSpec& spec,
                     std::vector<Finding>& out) const {
    for (std::size_t i = 0; i < call.args.size(); ++i) {
      const auto& arg = call.args[i];
      if (arg.kind != facts::Argument::Kind::Object) continue;
      if (spec.options_arg >= 0 && static_cast<int>(i) < spec.options_arg) continue;
      for (const auto& [key, value] : arg.props().numeric_props) {
        if (std::find(spec.timeout_keys.begin(), spec.timeout_keys.end(), key) == spec.timeout_keys.end()) continue;
        if (value <= ctx.options.transaction_timeout_ms) continue;
        Finding finding = finding_at(id(), ctx.index, f, call.callee_span, call.function);
        finding.message = "this transaction may stay open for " + seconds(value) + " (`" + key +
                          "`), holding a pooled connection the whole time (connlint's limit: " +
                          seconds(ctx.options.transaction_timeout_ms) + ")";
        finding.help = "make the transaction shorter instead of raising its timeout";
        for (const auto& [name, span] : arg.props().prop_spans)
          if (name == key) finding.related.push_back({ctx.index.location(f, span), "the timeout"});
        out.push_back(std::move(finding));
        return;
      }
    }
  }

  static std::string seconds(double ms) {
    double s = ms / 1000.0;
    char buf[32];
    std::snprintf(buf, sizeof buf, s == std::floor(s) ? "%.0f s" : "%.1f s", s);
    return buf;
  }
};

}  // namespace

std::unique_ptr<Rule> make_long_transaction_timeout() { return std::make_unique<LongTransactionTimeout>(); }

}  // namespace connlint::rules
