// transaction-pooler-prepared-statements: a client that names its prepared statements talks to a transaction-mode
// pooler (Supavisor on port 6543, PgBouncer with `pool_mode = transaction`, Neon's `-pooler` hosts). The next
// transaction may run on another server connection, where the statement does not exist or already does:
// `prepared statement "s0" already exists` (incident 5). Prisma 6 and older need `?pgbouncer=true` on such a URL;
// postgres.js needs `prepare: false`. node-postgres uses unnamed statements and is fine.
#include <set>

#include "config/connection_url.h"
#include "rules/pool_config_util.h"

namespace connlint::rules {

namespace {

class TransactionPoolerPreparedStatements final : public Rule {
 public:
  std::string_view id() const override { return "transaction-pooler-prepared-statements"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const pool::ProjectConfig& config = ctx.pool;
    check_prisma(config, out);
    check_postgres_js(ctx, config, out);
  }

 private:
  // A transaction-mode pooler that does not serve named prepared statements. Local URLs count: a compose PgBouncer
  // in transaction mode breaks them in development too.
  bool transaction_mode(const pool::ProjectConfig& config, const pool::UrlSite& site) const {
    if (!site.postgres()) return false;
    pool::PoolerMode mode = config.mode(*site.url);
    return mode.kind == pool::PoolerMode::Kind::Transaction && !mode.prepared_statements;
  }

  // Prisma ≤6 (the datasource URL is in schema.prisma) without a driver adapter: it prepares named statements unless
  // the URL says `pgbouncer=true`.
  void check_prisma(const pool::ProjectConfig& config, std::vector<Finding>& out) const {
    if (config.prisma_adapter()) return;
    std::set<const pool::UrlSite*> reported;
    for (const auto& use : config.prisma()) {
      const std::string& provider = use.datasource->provider;
      if (!provider.empty() && provider != "postgresql" && provider != "postgres") continue;
      for (const auto* site : config.prisma_runtime_urls(use)) {
        if (!transaction_mode(config, *site) || site->url->param("pgbouncer") || !reported.insert(site).second)
          continue;
        Finding f;
        f.rule_id = std::string(id());
        f.location = site->host_location();
        f.message = "Prisma connects through " + config.mode(*site->url).name + " at `" +
                    config::host_and_port(*site->url) + "` without `pgbouncer=true`: " +
                    "its named prepared statements fail when a transaction lands on another server connection " +
                    "(`prepared statement \"s0\" already exists`)";
        f.help = "add `pgbouncer=true` to this URL's query (`" + config::host_and_port(*site->url) +
                 "/...?pgbouncer=true`), or use a driver adapter (`@prisma/adapter-pg`)";
        f.related.push_back({Location{use.schema->path, use.datasource->url.span.line, use.datasource->url.span.column,
                                      use.datasource->url.span.end_line, use.datasource->url.span.end_column},
                             "Prisma's datasource reads the URL here"});
        out.push_back(std::move(f));
      }
    }
    // `new PrismaClient({ datasourceUrl: 'postgresql://...:6543/...' })`
    for (const auto& site : config.urls()) {
      if (site.code_file < 0 || site.url->call == facts::kNone || reported.count(&site)) continue;
      if (!pool::constructs(config.index(), site.code_file, site.url->call, "prisma")) continue;
      if (!transaction_mode(config, site) || site.url->param("pgbouncer")) continue;
      Finding f;
      f.rule_id = std::string(id());
      f.location = site.host_location();
      f.message = "Prisma connects through " + config.mode(*site.url).name + " at `" +
                  config::host_and_port(*site.url) + "` without `pgbouncer=true`: its " +
                  "named prepared statements fail when a transaction lands on another server connection " +
                  "(`prepared statement \"s0\" already exists`)";
      f.help = "add `pgbouncer=true` to this URL's query";
      out.push_back(std::move(f));
    }
  }

  // postgres.js prepares statements by default (`prepare: true`).
  void check_postgres_js(const RuleContext& ctx, const pool::ProjectConfig& config, std::vector<Finding>& out) const {
    const auto& files = ctx.index.files();
    for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
      if (!files[f].reported) continue;
      const auto& calls = files[f].facts.calls;
      for (facts::CallId c = 0; c < static_cast<facts::CallId>(calls.size()); ++c) {
        if (!pool::constructs(ctx.index, f, c, "postgres")) continue;
        const pool::UrlSite* target = nullptr;
        for (const auto* site : config.urls_of_call(f, c))
          if (transaction_mode(config, *site) && !target) target = site;
        if (!target) continue;
        if (auto p = target->url->param("prepare"); p && p->value == "false") continue;
        const facts::Argument* options = pool::options_argument(calls[c]);
        if (options && options->props().has_spread) continue;
        bool prepare_off = false, prepare_written = false;
        if (options)
          for (const auto& [key, value] : options->props().bool_props)
            if (key == "prepare") {
              prepare_written = true;
              prepare_off = !value;
            }
        if (prepare_off) continue;
        Finding finding = finding_at(id(), ctx.index, f, calls[c].callee_span, calls[c].function);
        if (prepare_written && options)
          if (auto span = pool::option_span(*options, "prepare")) finding.location = ctx.index.location(f, *span);
        finding.message = "postgres.js prepares named statements by default, and this client connects through " +
                          config.mode(*target->url).name + " at `" + config::host_and_port(*target->url) + "`" +
                          ": a statement prepared on one server connection is missing on the next " +
                          "(`prepared statement ... does not exist`)";
        finding.help = "pass `prepare: false` in the options (`postgres(url, { prepare: false })`)";
        finding.related.push_back({target->host_location(), "the transaction-mode connection string"});
        out.push_back(std::move(finding));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_transaction_pooler_prepared_statements() {
  return std::make_unique<TransactionPoolerPreparedStatements>();
}

}  // namespace connlint::rules
