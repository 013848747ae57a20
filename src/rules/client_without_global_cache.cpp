// client-without-global-cache: in a Next.js project, a module-scope client that is not cached on `globalThis`.
// `next dev` re-evaluates modules on every hot reload, so each reload opens a new pool while the old ones linger
// (Prisma's own warning about this was removed in 2024; nothing warns any more).
#include "rules/rule_util.h"

namespace connlint::rules {

namespace {

class ClientWithoutGlobalCache final : public Rule {
 public:
  std::string_view id() const override { return "client-without-global-cache"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& files = ctx.index.files();
    for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
      const auto& file = files[f];
      if (!file.reported || !file.nextjs || file.role != index::ProjectIndex::Role::App || file.facts.edge_runtime)
        continue;
      for (facts::CallId c = 0; c < static_cast<facts::CallId>(file.facts.calls.size()); ++c) {
        const auto& call = file.facts.calls[c];
        const auto& info = ctx.index.call(f, c);
        if (info.kind != index::CallInfo::Kind::Construct || info.wraps_handle || !call.at_module_scope) continue;
        if (cached_on_global(ctx.index, f, call)) continue;
        Finding finding = finding_at(id(), ctx.index, f, call.callee_span, call.function);
        finding.message = "this " + library_name(info.library) +
                          " client is rebuilt on every hot reload in `next dev`: each reload opens a new pool "
                          "while the old ones keep their connections";
        finding.help = "cache it on `globalThis` outside production: `const g = globalThis as unknown as { db?: T }; "
                       "export const db = g.db ?? create(); if (process.env.NODE_ENV !== 'production') g.db = db`";
        out.push_back(std::move(finding));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_client_without_global_cache() { return std::make_unique<ClientWithoutGlobalCache>(); }

}  // namespace connlint::rules
