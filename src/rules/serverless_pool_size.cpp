// serverless-pool-size: in a serverless deployment every instance opens its own pool, so the connections wanted are
// instances × pool size. A pool with no limit (Prisma's num_cpus × 2 + 1, node-postgres' and postgres.js' 10) or a
// limit at which a modest burst of instances fills the pooler exhausts it (`too many clients`, Prisma's `P2024`;
// incident 5). The message spells out the arithmetic.
#include <cmath>
#include <set>

#include "config/connection_url.h"
#include "rules/pool_config_util.h"

namespace connlint::rules {

namespace {

// Prisma's default `connection_limit` is num_physical_cpus × 2 + 1: 5 on a 2-vCPU function.
constexpr double kPrismaDefaultPool = 5;
// node-postgres' and postgres.js' default `max`.
constexpr double kDriverDefaultPool = 10;

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

struct Arithmetic {
  std::string text;  // "40 concurrent instances × 5 = 200 connections fill ..., which accepts about 200 clients"
  bool too_small = false;
};

Arithmetic arithmetic(double pool, const pool::PoolerMode& mode, double assumed_instances) {
  Arithmetic a;
  double limit = mode.client_limit;
  if (limit <= 0 || pool <= 0) return a;
  double instances = std::ceil(limit / pool);
  a.too_small = instances < assumed_instances;
  a.text = number(instances) + " concurrent instance" + (instances == 1 ? "" : "s") + " × " + number(pool) + " = " +
           number(instances * pool) + " connections fill " + mode.name + ", which accepts about " + number(limit) +
           (mode.kind == pool::PoolerMode::Kind::Direct ? " connections" : " clients");
  return a;
}

// A construction inside a request handler makes a pool per request, not per instance: client-per-request reports it.
bool built_per_request(const index::ProjectIndex& index, index::FileId file, facts::FunctionId fn) {
  const auto& functions = index.files()[file].facts.functions;
  for (; fn != facts::kNone; fn = functions[fn].parent)
    if (is_request_handler(index, file, fn)) return true;
  return false;
}

class ServerlessPoolSize final : public Rule {
 public:
  std::string_view id() const override { return "serverless-pool-size"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const pool::ProjectConfig& config = ctx.pool;
    if (!config.serverless()) return;
    if (auto entry = config.serverless_prisma()) check_prisma_urls(ctx, config, *entry, out);
    check_driver_pools(ctx, config, out);
  }

 private:
  void check_prisma_urls(const RuleContext& ctx, const pool::ProjectConfig& config, const pool::Evidence& entry,
                         std::vector<Finding>& out) const {
    if (config.prisma_adapter()) return;
    std::set<const pool::UrlSite*> seen;
    for (const auto& use : config.prisma()) {
      for (const auto* site : config.prisma_runtime_urls(use)) {
        if (!site->postgres() || site->local || site->direct || !seen.insert(site).second) continue;
        pool::PoolerMode mode = config.mode(*site->url);
        if (mode.kind == pool::PoolerMode::Kind::Session && mode.supavisor) continue;  // supavisor-session-mode
        const auto* limit = site->url->param("connection_limit");
        double pool = kPrismaDefaultPool;
        if (limit) {
          try {
            pool = std::stod(limit->value);
          } catch (...) {
            continue;
          }
        }
        Arithmetic a = arithmetic(pool, mode, ctx.options.serverless_instances);
        // No limit is reported unless the pooler is known to take the default pools of a burst (Neon: 10,000).
        if (!a.too_small && (limit || mode.client_limit > 0)) continue;
        Finding f;
        f.rule_id = std::string(id());
        f.location = limit ? site->location(limit->span) : site->location(site->url->span);
        f.message = limit ? "each serverless instance opens its own Prisma pool of `connection_limit=" +
                                limit->value + "` connections: " + a.text
                          : "each serverless instance opens its own Prisma pool and this URL sets no "
                            "`connection_limit` (Prisma's default is num_cpus × 2 + 1, 5 on 2 vCPUs)" +
                                (a.text.empty() ? std::string() : ": " + a.text);
        f.help = "set `connection_limit=1` in the URL for serverless functions (Prisma's advice) and let the "
                 "pooler share connections between instances";
        f.related.push_back({entry.location, "Prisma runs in " + entry.what});
        out.push_back(std::move(f));
      }
    }
  }

  // `new Pool({ max })` (node-postgres) and `postgres(url, { max })` in application code.
  void check_driver_pools(const RuleContext& ctx, const pool::ProjectConfig& config, std::vector<Finding>& out) const {
    const auto& files = ctx.index.files();
    for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
      if (!files[f].reported || files[f].role != index::ProjectIndex::Role::App || files[f].facts.edge_runtime)
        continue;
      auto entry = config.serverless_code(f);
      if (!entry) continue;  // a long-running server, a worker, a test helper: one pool per process
      const auto& calls = files[f].facts.calls;
      for (facts::CallId c = 0; c < static_cast<facts::CallId>(calls.size()); ++c) {
        bool pg = pool::constructs(ctx.index, f, c, "pg", "pool");
        bool postgres_js = pool::constructs(ctx.index, f, c, "postgres");
        if (!pg && !postgres_js) continue;
        if (built_per_request(ctx.index, f, calls[c].function)) continue;  // client-per-request's finding
        const facts::Argument* options = pool::options_argument(calls[c]);
        // `new Pool(config)`: the options are elsewhere; `{ ...base }`: their `max` may be in `base`.
        if (!options && (pg ? !calls[c].args.empty() : calls[c].args.size() > 1)) continue;
        std::optional<double> max = options ? pool::numeric_option(*options, "max") : std::nullopt;
        if (!max && options && (options->props().has_spread || pool::option_span(*options, "max"))) continue;
        pool::PoolerMode mode;
        mode.name = "PostgreSQL with its default `max_connections`";
        mode.client_limit = 100;
        for (const auto* site : config.urls_of_call(f, c))
          if (site->postgres() && !site->local) {
            mode = config.mode(*site->url);
            break;
          }
        if (mode.kind == pool::PoolerMode::Kind::Session && mode.supavisor) continue;  // supavisor-session-mode
        double size = max.value_or(kDriverDefaultPool);
        Arithmetic a = arithmetic(size, mode, ctx.options.serverless_instances);
        if (!a.too_small) continue;
        std::string library = pg ? "node-postgres" : "postgres.js";
        Finding finding = finding_at(id(), ctx.index, f, calls[c].callee_span, calls[c].function);
        if (max) finding.location = ctx.index.location(f, *pool::option_span(*options, "max"));
        finding.message = max ? "each serverless instance opens its own " + library + " pool of `max: " +
                                    number(size) + "` connections: " + a.text
                              : "each serverless instance opens its own " + library + " pool and it sets no `max` (" +
                                    library + "'s default is 10)" + (a.text.empty() ? "" : ": " + a.text);
        finding.help = "set a small `max` (1-3) per instance and let the pooler share connections between instances";
        finding.related.push_back({entry->location, "it runs in " + entry->what});
        out.push_back(std::move(finding));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_serverless_pool_size() { return std::make_unique<ServerlessPoolSize>(); }

}  // namespace connlint::rules
