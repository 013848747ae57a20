// pool-without-connection-timeout: a pool that waits forever for a free connection. node-postgres'
// `connectionTimeoutMillis` defaults to 0, "no timeout": once the pool (or the pooler behind it) is exhausted, every
// `pool.query()` and `pool.connect()` hangs instead of failing, and requests pile up behind it. Prisma's
// `pool_timeout=0` in the URL does the same. A note: the fix is a number, not a redesign.
#include "rules/pool_config_util.h"

namespace connlint::rules {

namespace {

class PoolWithoutConnectionTimeout final : public Rule {
 public:
  std::string_view id() const override { return "pool-without-connection-timeout"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    check_pg_pools(ctx, out);
    const pool::ProjectConfig& config = ctx.pool;
    for (const auto& site : config.urls()) {
      const auto* timeout = site.url->param("pool_timeout");
      if (!site.postgres() || !timeout || timeout->value != "0") continue;
      Finding f;
      f.rule_id = std::string(id());
      f.location = site.location(timeout->span);
      f.message = "`pool_timeout=0` makes Prisma wait forever for a free connection: when the pool is exhausted, "
                  "queries hang instead of failing";
      f.help = "remove it (Prisma's default is 10 s) or set a few seconds";
      out.push_back(std::move(f));
    }
  }

 private:
  void check_pg_pools(const RuleContext& ctx, std::vector<Finding>& out) const {
    const auto& files = ctx.index.files();
    for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
      // Servers: a script or a test that hangs is noticed by whoever runs it.
      if (!files[f].reported || files[f].role != index::ProjectIndex::Role::App) continue;
      const auto& calls = files[f].facts.calls;
      for (facts::CallId c = 0; c < static_cast<facts::CallId>(calls.size()); ++c) {
        if (!pool::constructs(ctx.index, f, c, "pg", "pool")) continue;
        const facts::Argument* options = pool::options_argument(calls[c]);
        if (!options && !calls[c].args.empty()) continue;  // `new Pool(config)`: configured elsewhere
        Finding finding = finding_at(id(), ctx.index, f, calls[c].callee_span, calls[c].function);
        if (options) {
          auto timeout = pool::numeric_option(*options, "connectionTimeoutMillis");
          auto span = pool::option_span(*options, "connectionTimeoutMillis");
          if (timeout && *timeout > 0) continue;
          if (!timeout && (span || options->props().has_spread)) continue;  // set from a variable, or maybe in the spread
          if (span) finding.location = ctx.index.location(f, *span);
          finding.message = timeout ? "`connectionTimeoutMillis: 0` makes this node-postgres pool wait forever for a "
                                      "free connection: when it is exhausted, queries hang instead of failing"
                                    : "this node-postgres pool sets no `connectionTimeoutMillis` (the default, 0, "
                                      "waits forever): when it is exhausted, queries hang instead of failing";
        } else {
          finding.message = "this node-postgres pool sets no `connectionTimeoutMillis` (the default, 0, waits "
                            "forever): when it is exhausted, queries hang instead of failing";
        }
        finding.help = "set `connectionTimeoutMillis` (e.g. 5000) so that a request fails fast when no connection "
                       "is free";
        out.push_back(std::move(finding));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_pool_without_connection_timeout() {
  return std::make_unique<PoolWithoutConnectionTimeout>();
}

}  // namespace connlint::rules
