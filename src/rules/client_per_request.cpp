// client-per-request: a client constructed inside a request handler, or in a function the handler calls
// (`getDb()`), or once per loop iteration: every request or iteration opens a new pool and its connections.
// Memoised factories (`db ??= postgres(url)`) and edge runtimes (where per-request clients are required) are fine.
#include <set>

#include "rules/rule_util.h"

namespace connlint::rules {

namespace {

using index::CallInfo;

class ClientPerRequest final : public Rule {
 public:
  std::string_view id() const override { return "client-per-request"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    std::set<std::pair<index::FileId, facts::CallId>> reported;
    const auto& files = ctx.index.files();
    for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
      const auto& file = files[f];
      if (!file.reported || file.facts.edge_runtime || file.role == index::ProjectIndex::Role::Test) continue;
      for (facts::FunctionId fn = 0; fn < static_cast<facts::FunctionId>(file.facts.functions.size()); ++fn) {
        if (is_edge_fetch_handler(file.facts, fn) || !is_request_handler(ctx.index, f, fn)) continue;
        const auto& summary = ctx.summaries.of(f, fn);
        if (!summary.construct.known() || summary.construct.file != f) continue;
        if (!reported.insert({f, summary.construct.call}).second) continue;
        report(ctx, f, summary.construct.call, "per request", {ctx.index.location(f, file.facts.functions[fn].span),
                                                                "the request handler"}, out);
      }
      // A construction (or a factory that constructs) inside a loop builds one client per iteration.
      for (facts::CallId c = 0; c < static_cast<facts::CallId>(file.facts.calls.size()); ++c) {
        const auto& call = file.facts.calls[c];
        if (call.loop == facts::kNone || reported.count({f, c})) continue;
        const auto& info = ctx.index.call(f, c);
        bool constructs = info.kind == CallInfo::Kind::Construct && !info.wraps_handle && !call.stored_globally &&
                          (call.result == facts::kNone || file.facts.symbols[call.result].function != facts::kNone);
        if (info.kind == CallInfo::Kind::Local) {
          const auto* summary = ctx.summaries.of_call(f, c);
          constructs = summary && summary->construct.known();
        }
        if (!constructs) continue;
        reported.insert({f, c});
        report(ctx, f, c, "once per loop iteration",
               {ctx.index.location(f, file.facts.loops[call.loop].header), "the loop"}, out);
      }
    }
  }


 private:
  // Cloudflare Workers: `export default { async fetch(request, env) { ... } }` must build clients per request.
  static bool is_edge_fetch_handler(const facts::FileFacts& facts, facts::FunctionId fn) {
    return facts.functions[fn].name == "fetch" && facts.functions[fn].parent == facts::kNone;
  }

  void report(const RuleContext& ctx, index::FileId f, facts::CallId c, const char* how, RelatedLocation where,
              std::vector<Finding>& out) const {
    const auto& facts = ctx.index.files()[f].facts;
    const auto& call = facts.calls[c];
    index::Witness made = ctx.summaries.operation({f, c}, &index::FunctionSummary::construct);
    const auto& made_call = ctx.index.files()[made.file].facts.calls[made.call];
    const CallInfo& info = ctx.index.call(made.file, made.call);
    Finding finding = finding_at(id(), ctx.index, f, call.callee_span, call.function);
    bool via_helper = made.file != f || made.call != c;
    std::string what = via_helper ? "`" + ctx.index.value_text(f, call.callee) + "()` builds a new " +
                                        library_name(info.library) + " client"
                                  : "a new " + library_name(info.library) + " client is built";
    finding.message = what + " " + how + ": each one opens its own connection pool, so concurrent requests "
                      "exhaust the database's connections";
    finding.help = "build the client once at module scope in a shared module and import it (or memoise the factory)";
    if (via_helper)
      finding.related.push_back({ctx.index.location(made.file, made_call.callee_span), "the construction"});
    finding.related.push_back(std::move(where));
    out.push_back(std::move(finding));
  }
};

}  // namespace

std::unique_ptr<Rule> make_client_per_request() { return std::make_unique<ClientPerRequest>(); }

}  // namespace connlint::rules
