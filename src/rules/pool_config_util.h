#pragma once
// What the pool-config rules share: every connection string of the project with where it is written and what reads
// it, how the app is deployed (serverless or not), and which pooler, in which mode, a URL goes through.
#include <optional>
#include <string>
#include <vector>

#include "rules/rule.h"
#include "rules/rule_util.h"

namespace connlint::rules::pool {

// The pooler in front of the database, as the connection string shows it.
struct PoolerMode {
  enum class Kind { Direct, Session, Transaction };
  Kind kind = Kind::Direct;
  bool supavisor = false;          // Supabase's pooler (`*.pooler.supabase.com`)
  std::string name;                // for messages: "Supavisor's transaction mode"
  std::uint32_t client_limit = 0;  // clients it accepts (small plans); 0 when unknown
  // Transaction mode that still serves named prepared statements (PgBouncer ≥ 1.21 with `max_prepared_statements`,
  // which Neon's pooler sets).
  bool prepared_statements = false;
};

// Where a connection string is, and what it is for.
struct UrlSite {
  const facts::ConnectionUrl* url = nullptr;
  std::string path;
  index::FileId code_file = -1;                // a string literal in code (else a config file)
  const facts::ConfigFacts* config = nullptr;  // a config file
  bool example = false;  // in documentation (`.env.example`): still how the project is meant to connect
  bool direct = false;   // meant for migrations or listeners: Prisma's `directUrl`, `DIRECT_URL`, `*_NON_POOLING`
  bool local = false;    // a development database: localhost, a compose service

  bool postgres() const;
  Location location(const facts::Span& span) const;
  // The port if written, else the host: the part that decides the pooler mode.
  Location host_location() const;
};

// Something that shows how the project runs: `vercel.json`, a Next.js route handler, a Lambda handler.
struct Evidence {
  Location location;
  std::string what;
};

// A Prisma (≤6) datasource that reads its URL from schema.prisma.
struct PrismaUse {
  const facts::ConfigFacts* schema = nullptr;
  const facts::PrismaDatasource* datasource = nullptr;
};

// The project's configuration as the pool rules see it. Built per rule run from the index (cheap: a pass over the
// config files and the calls).
class ProjectConfig {
 public:
  explicit ProjectConfig(const index::ProjectIndex& index);
  ProjectConfig(const ProjectConfig&) = delete;  // holds pointers into itself
  ProjectConfig& operator=(const ProjectConfig&) = delete;

  const index::ProjectIndex& index() const { return index_; }
  const std::vector<UrlSite>& urls() const { return urls_; }
  // The URLs an environment variable is set to in env files and compose/Kubernetes `environment`.
  std::vector<const UrlSite*> urls_of_variable(const std::string& name) const;
  // The URLs a client construction connects to: a literal among its arguments, or the variable it reads
  // (`postgres(process.env.DATABASE_URL)`, `new Pool({ connectionString: process.env.X })`).
  std::vector<const UrlSite*> urls_of_call(index::FileId file, facts::CallId call) const;
  // The Prisma datasources with a URL in schema.prisma, and the URL sites they read (url, not directUrl).
  const std::vector<PrismaUse>& prisma() const { return prisma_; }
  std::vector<const UrlSite*> prisma_runtime_urls(const PrismaUse& use) const;
  // Does the code build its Prisma client on a driver adapter (`new PrismaPg(...)`)? Then Prisma's own pool and
  // statement handling are not used at runtime.
  bool prisma_adapter() const { return prisma_adapter_; }

  PoolerMode mode(const facts::ConnectionUrl& url) const;

  // Does the project run as serverless functions at all (the first serverless entry point found)?
  const std::optional<Evidence>& serverless() const { return serverless_; }
  // Does code of `file` run inside a serverless function: a Next.js route handler or API route, a Lambda/Netlify
  // handler, a request handler under a folder with `vercel.json`/`netlify.toml`/`serverless.yml`, or a module one
  // of those imports (transitively)? The entry point it is reached from, or nullopt.
  std::optional<Evidence> serverless_code(index::FileId file) const;
  // Does Prisma's client run serverless: a `new PrismaClient()` in serverless code (or, when the construction is not
  // found, any serverless entry point)?
  std::optional<Evidence> serverless_prisma() const;
  const std::optional<Evidence>& web_app() const { return web_app_; }
  // A runtime URL (not a direct one) that goes through a transaction-mode pooler, if the project has one. A local
  // PgBouncer in transaction mode counts: it is how the project is meant to run.
  const UrlSite* transaction_pooling() const { return transaction_pooling_; }

 private:
  void collect_urls();
  void detect_deployment();
  void detect_pgbouncer();

  const index::ProjectIndex& index_;
  std::vector<UrlSite> urls_;
  std::vector<PrismaUse> prisma_;
  bool prisma_adapter_ = false;
  std::optional<Evidence> serverless_, web_app_;
  std::vector<Evidence> entries_;           // serverless entry points
  std::vector<int> serverless_entry_of_;    // per FileId: index into entries_, or -1
  const UrlSite* transaction_pooling_ = nullptr;
  // PgBouncer configured in the project (compose service or pgbouncer.ini) in transaction mode.
  bool pgbouncer_transaction_ = false;
  std::vector<std::string> pgbouncer_services_;
  std::uint32_t pgbouncer_max_clients_ = 0;
  bool pgbouncer_prepared_statements_ = false;  // `max_prepared_statements` > 0 in its configuration
  std::vector<std::pair<std::string, std::uint32_t>> declared_pgbouncer_hosts_;  // host, port with pgbouncer=true
};

// session-state-sql's finding when the project connects through a transaction-mode pooler: raised to an error (also
// when the driver has applied the default level already, as for the C++ part), naming the pooler, with the URL as a
// related location. Does nothing when the configuration shows no transaction pooling.
void raise_under_transaction_pooling(Finding& finding, const ProjectConfig& config);

// The environment variable a code value reads: `process.env.DATABASE_URL`, `process.env['X']`, or a local
// `const url = process.env.X` (also `?? 'default'`); "" when it reads none.
std::string env_variable(const facts::FileFacts& facts, const facts::ValueRef& value);

// The options object among a call's arguments (the first object literal), or nullptr.
const facts::Argument* options_argument(const facts::Call& call);

// `{ key: <number> }` in an options object.
std::optional<double> numeric_option(const facts::Argument& options, std::string_view key);
std::optional<facts::Span> option_span(const facts::Argument& options, std::string_view key);

// Is this call a construction of a pool of `library` (catalog id), with the handle kind `handle`?
bool constructs(const index::ProjectIndex& index, index::FileId file, facts::CallId call, std::string_view library,
                std::string_view handle = "");

}  // namespace connlint::rules::pool
