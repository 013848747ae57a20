// supavisor-session-mode: a web or serverless app connects through Supabase's pooler on port 5432, which is
// Supavisor's SESSION mode: each client keeps a server connection for as long as it is connected, and small plans
// have 15-20 of them, so the app fails with `MaxClientsInSessionMode: max clients reached` as soon as that many
// instances or pools are open (incident 5). Port 6543 is transaction mode, made for this. URLs meant for
// migrations (`directUrl`, `DIRECT_URL`) are fine on 5432.
#include "config/connection_url.h"
#include "rules/pool_config_util.h"

namespace connlint::rules {

namespace {

class SupavisorSessionMode final : public Rule {
 public:
  std::string_view id() const override { return "supavisor-session-mode"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const pool::ProjectConfig& config = ctx.pool;
    if (!config.web_app()) return;
    for (const auto& site : config.urls()) {
      if (!site.postgres() || site.direct || site.local) continue;
      pool::PoolerMode mode = config.mode(*site.url);
      if (mode.kind != pool::PoolerMode::Kind::Session || !mode.supavisor) continue;
      std::string host = site.url->hosts.front().name;
      Finding f;
      f.rule_id = std::string(id());
      f.location = site.host_location();
      f.message = "`" + config::host_and_port(*site.url) + "` is Supavisor's session mode, where every client holds " +
                  "a server connection for as long as it is connected (about " +
                  std::to_string(mode.client_limit) + " on small plans): a " +
                  (config.serverless() ? "serverless" : "web") +
                  " app runs out of them (`MaxClientsInSessionMode: max clients reached`)";
      f.help = "use the transaction-mode port 6543 (`" + host + ":6543`, with `?pgbouncer=true` for Prisma 6 and " +
               "older) for the app, and keep port 5432 for migrations (Prisma's `directUrl`)";
      const auto& evidence = config.serverless() ? config.serverless() : config.web_app();
      f.related.push_back({evidence->location, "how the app runs: " + evidence->what});
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_supavisor_session_mode() { return std::make_unique<SupavisorSessionMode>(); }

}  // namespace connlint::rules
