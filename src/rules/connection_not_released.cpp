// connection-not-released: a connection checked out of a pool (`pool.connect()`, `getConnection()`,
// `createQueryRunner()`, `sql.reserve()`, `startSession()`) that is not given back on every path. A pool of 10
// that leaks one connection per failed request is empty after ten errors, and every later request waits forever.
#include <algorithm>

#include "rules/rule_util.h"

namespace connlint::rules {

namespace {

using index::CallInfo;

class ConnectionNotReleased final : public Rule {
 public:
  std::string_view id() const override { return "connection-not-released"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& files = ctx.index.files();
    for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
      const auto& facts = files[f].facts;
      if (!files[f].reported) continue;
      for (facts::CallId c = 0; c < static_cast<facts::CallId>(facts.calls.size()); ++c) {
        const auto& info = ctx.index.call(f, c);
        if (info.kind != CallInfo::Kind::Acquire) continue;
        const auto& call = facts.calls[c];
        // The callback form (`pool.connect((err, client, done) => ...)`) and connections handed to the caller or
        // to another function are someone else's to release.
        if (function_argument(call, 0) != facts::kNone || call.result_escapes) continue;
        if (call.result == facts::kNone || facts.symbols[call.result].escapes) continue;
        check_released(ctx, f, c, info, out);
      }
    }
  }

 private:
  void check_released(const RuleContext& ctx, index::FileId f, facts::CallId acquired, const CallInfo& info,
                      std::vector<Finding>& out) const {
    const auto& facts = ctx.index.files()[f].facts;
    const auto& call = facts.calls[acquired];
    const auto& release_names = info.acquire->release;
    bool in_finally = false, in_catch = false, plain = false;
    facts::CallId first_release = facts::kNone;
    for (facts::CallId c = 0; c < static_cast<facts::CallId>(facts.calls.size()); ++c) {
      const auto& r = facts.calls[c];
      if (r.callee.symbol != call.result || r.callee.steps.size() != 1) continue;
      if (std::find(release_names.begin(), release_names.end(), r.callee.steps[0]) == release_names.end()) continue;
      if (first_release == facts::kNone) first_release = c;
      if (r.in_finally || finally_callback(facts, r.function)) in_finally = true;
      else if (r.in_catch) in_catch = true;
      else plain = true;
    }
    if (in_finally || (in_catch && plain)) return;
    std::string release = release_names.empty() ? "release" : release_names.front();
    Finding finding = finding_at(id(), ctx.index, f, call.callee_span, call.function);
    if (first_release == facts::kNone) {
      finding.message = "this connection is checked out of the " + library_name(info.library) +
                        " pool and never given back with `" + release + "()`: the pool shrinks by one each time";
    } else {
      finding.message = "this connection is given back with `" + release + "()` only when nothing throws: every "
                        "error leaks it, and the pool is empty after a few failures";
      finding.related.push_back(
          {ctx.index.location(f, facts.calls[first_release].callee_span), "released only on the success path"});
      // The path code scanning shows: checked out, something throws before the release, the release is skipped.
      finding.flow = {{finding.location, "the connection is checked out here"},
                      {ctx.index.location(f, facts.calls[first_release].callee_span),
                       "an error thrown before this line skips the release"}};
    }
    finding.help = "release it in a `finally` block: `try { ... } finally { " +
                   facts.symbols[call.result].name + "." + release + "() }`";
    out.push_back(std::move(finding));
  }

  static bool finally_callback(const facts::FileFacts& facts, facts::FunctionId fn) {
    for (; fn != facts::kNone; fn = facts.functions[fn].parent) {
      const auto& func = facts.functions[fn];
      if (func.argument_of == facts::kNone) continue;
      const auto& steps = facts.calls[func.argument_of].callee.steps;
      if (!steps.empty() && steps.back() == "finally") return true;
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Rule> make_connection_not_released() { return std::make_unique<ConnectionNotReleased>(); }

}  // namespace connlint::rules
