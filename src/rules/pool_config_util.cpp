#include "rules/pool_config_util.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "config/connection_url.h"
#include "rules/rule_util.h"

namespace connlint::rules::pool {

using facts::kNone;

namespace {

// Clients a pooler accepts on the smallest plans, for the pool-size arithmetic. Supabase documents the pooler's
// "max client connections" (200 on Nano/Micro) and its pool size (15-20 server connections, which session mode
// gives one per client); Neon's PgBouncer accepts 10,000 clients; PostgreSQL's own default is 100 connections
// (Supabase's Nano database: 60).
constexpr std::uint32_t kSupavisorTransactionClients = 200;
constexpr std::uint32_t kSupavisorSessionClients = 15;
constexpr std::uint32_t kNeonPoolerClients = 10000;
constexpr std::uint32_t kPostgresDefaultConnections = 100;
constexpr std::uint32_t kSupabaseDirectConnections = 60;

// Variable and key names that mark a URL as one for migrations, listeners or other session work.
constexpr std::string_view kDirectMarkers[] = {"DIRECT", "MIGRAT", "SHADOW", "UNPOOLED", "NON_POOLING",
                                               "NONPOOLING", "SESSION", "LISTEN", "REPLICATION"};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_local_host(const std::string& host, bool single_label_is_local) {
  std::string h = lower(host);
  if (h == "localhost" || h == "::1" || h == "0.0.0.0" || h == "host.docker.internal" || h.rfind("127.", 0) == 0 ||
      ends_with(h, ".localhost") || (ends_with(h, ".local") && !ends_with(h, ".cluster.local")) || h == "[::1]")
    return true;
  // `db`, `postgres`: a compose service (or a container on the same network).
  return single_label_is_local && !h.empty() && h.find('.') == std::string::npos &&
         h.find(':') == std::string::npos;
}

Location location_in(const std::string& path, const facts::Span& span) {
  return Location{path, span.line, span.column, span.end_line, span.end_column};
}

// The Next.js, Netlify and Lambda conventions that make a file a serverless function.
bool serverless_handler_file(const facts::FileFacts& facts) {
  const std::string& p = facts.path;
  for (const auto& s : facts.symbols)
    if (s.kind == facts::SymbolKind::Import &&
        (s.import_source == "aws-lambda" || s.import_source == "@netlify/functions" ||
         s.import_source == "@vercel/node"))
      return true;
  return ("/" + p).find("/netlify/functions/") != std::string::npos ||
         ("/" + p).find("/lambda/") != std::string::npos || ("/" + p).find("/lambdas/") != std::string::npos;
}

}  // namespace

bool UrlSite::postgres() const { return url->scheme == "postgres" || url->scheme == "postgresql"; }

Location UrlSite::location(const facts::Span& span) const { return location_in(path, span); }

Location UrlSite::host_location() const {
  if (url->hosts.empty()) return location(url->span);
  const auto& h = url->hosts.front();
  return location(h.port_span.line ? h.port_span : h.span);
}

ProjectConfig::ProjectConfig(const index::ProjectIndex& index) : index_(index) {
  detect_pgbouncer();
  collect_urls();
  detect_deployment();
  for (const auto& site : urls_)
    if (site.postgres() && !site.direct && mode(*site.url).kind == PoolerMode::Kind::Transaction) {
      transaction_pooling_ = &site;
      break;
    }
}

void ProjectConfig::detect_pgbouncer() {
  for (const auto& c : index_.config_files()) {
    for (const auto& e : c.entries) {
      std::string key = upper(e.key);
      if (ends_with(key, "POOL_MODE") && lower(e.value) == "transaction") {
        pgbouncer_transaction_ = true;
        if (!e.scope.empty()) pgbouncer_services_.push_back(e.scope);
      }
      if (ends_with(key, "MAX_PREPARED_STATEMENTS")) {
        try {
          pgbouncer_prepared_statements_ = std::stoul(e.value) > 0;
        } catch (...) {
        }
      }
      if (ends_with(key, "MAX_CLIENT_CONN")) {
        try {
          pgbouncer_max_clients_ = static_cast<std::uint32_t>(std::stoul(e.value));
        } catch (...) {
        }
      }
    }
    for (const auto& u : c.urls)
      if (auto p = u.param("pgbouncer"); p && p->value == "true" && !u.hosts.empty())
        declared_pgbouncer_hosts_.emplace_back(lower(u.hosts.front().name), u.hosts.front().port);
  }
}

void ProjectConfig::collect_urls() {
  // Variables that Prisma reads as `directUrl`/`shadowDatabaseUrl`: URLs for migrations.
  std::vector<std::string> direct_variables;
  for (const auto& c : index_.config_files())
    for (const auto& ds : c.datasources) {
      if (!ds.direct_url.env.empty()) direct_variables.push_back(ds.direct_url.env);
      if (!ds.shadow_url.env.empty()) direct_variables.push_back(ds.shadow_url.env);
      if (ds.url.present) prisma_.push_back({&c, &ds});
    }
  auto is_direct = [&](const std::string& key) {
    if (std::find(direct_variables.begin(), direct_variables.end(), key) != direct_variables.end()) return true;
    if (key == "directUrl" || key == "shadowDatabaseUrl") return true;
    std::string k = upper(key);
    return std::any_of(std::begin(kDirectMarkers), std::end(kDirectMarkers),
                       [&](std::string_view m) { return k.find(m) != std::string::npos; });
  };
  for (const auto& c : index_.config_files())
    for (const auto& u : c.urls) {
      UrlSite site;
      site.url = &u;
      site.path = c.path;
      site.config = &c;
      site.example = c.example;
      site.direct = is_direct(u.key);
      site.local = !u.hosts.empty() &&
                   is_local_host(u.hosts.front().name, c.kind != facts::ConfigKind::Kubernetes);
      urls_.push_back(site);
    }
  const auto& files = index_.files();
  for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
    if (!files[f].reported && !files[f].package_context) continue;
    for (const auto& u : files[f].facts.connection_urls) {
      UrlSite site;
      site.url = &u;
      site.path = files[f].facts.path;
      site.code_file = f;
      site.direct = is_direct(u.key);
      site.local = !u.hosts.empty() && is_local_host(u.hosts.front().name, true);
      urls_.push_back(site);
    }
    // A driver adapter (`@prisma/adapter-pg`, `-neon`, ...): the catalog marks adapters as not pooled, so their
    // constructions are not classified; the import says enough.
    for (const auto& s : files[f].facts.symbols)
      if (s.kind == facts::SymbolKind::Import && s.import_source.rfind("@prisma/adapter-", 0) == 0)
        prisma_adapter_ = true;
  }
  std::stable_sort(urls_.begin(), urls_.end(), [](const UrlSite& a, const UrlSite& b) {
    return std::tie(a.path, a.url->span.line, a.url->span.column) <
           std::tie(b.path, b.url->span.line, b.url->span.column);
  });
}

void ProjectConfig::detect_deployment() {
  // Folders deployed as serverless functions by their platform's configuration.
  std::vector<std::pair<std::string, Evidence>> platform_dirs;
  for (const auto& c : index_.config_files()) {
    if (c.kind != facts::ConfigKind::Deployment) continue;
    Evidence e;
    e.location = Location{c.path, 1, 1, 1, 2};
    e.what = "serverless functions (" + c.path + ")";
    auto slash = c.path.find_last_of('/');
    platform_dirs.emplace_back(slash == std::string::npos ? "" : c.path.substr(0, slash + 1), e);
  }
  // Entry points: the functions a serverless platform invokes.
  const auto& files = index_.files();
  serverless_entry_of_.assign(files.size(), -1);
  std::vector<index::FileId> queue;
  for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
    const auto& file = files[f];
    if ((!file.reported && !file.package_context) || file.role != index::ProjectIndex::Role::App) continue;
    const auto& fns = file.facts.functions;
    bool lambda_file = serverless_handler_file(file.facts);
    for (facts::FunctionId fn = 0; fn < static_cast<facts::FunctionId>(fns.size()); ++fn) {
      bool handler = is_request_handler(index_, f, fn);
      bool lambda = lambda_file && fns[fn].parent == kNone && fns[fn].name == "handler";
      if (!handler && !lambda) continue;
      Location at = index_.location(f, fns[fn].span);
      if (!web_app_) web_app_ = Evidence{at, "a request handler"};
      if (serverless_entry_of_[f] >= 0) continue;
      std::optional<Evidence> entry;
      if (lambda) entry = Evidence{at, "a serverless function handler"};
      else if (file.nextjs && ("/" + file.facts.path).find("/pages/api/") != std::string::npos)
        entry = Evidence{at, "a Next.js API route (serverless functions on Vercel and Netlify)"};
      else if (file.nextjs)
        entry = Evidence{at, "a Next.js route handler (serverless functions on Vercel and Netlify)"};
      else
        for (const auto& [dir, e] : platform_dirs)
          if (file.facts.path.rfind(dir, 0) == 0) entry = e;
      if (!entry) continue;
      serverless_entry_of_[f] = static_cast<int>(entries_.size());
      entries_.push_back(*entry);
      queue.push_back(f);
    }
  }
  // Everything they import runs in the same instances.
  for (std::size_t i = 0; i < queue.size(); ++i) {
    index::FileId f = queue[i];
    for (const auto& [spec, target] : files[f].imports)
      if (target && serverless_entry_of_[*target] < 0) {
        serverless_entry_of_[*target] = serverless_entry_of_[f];
        queue.push_back(*target);
      }
  }
  if (!entries_.empty()) serverless_ = entries_.front();
  else if (!platform_dirs.empty()) serverless_ = platform_dirs.front().second;
  if (serverless_ && !web_app_) web_app_ = serverless_;
}

std::optional<Evidence> ProjectConfig::serverless_code(index::FileId file) const {
  if (file < 0 || file >= static_cast<index::FileId>(serverless_entry_of_.size()) || serverless_entry_of_[file] < 0)
    return std::nullopt;
  return entries_[static_cast<std::size_t>(serverless_entry_of_[file])];
}

std::optional<Evidence> ProjectConfig::serverless_prisma() const {
  bool constructed = false;
  const auto& files = index_.files();
  for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f)
    for (facts::CallId c = 0; c < static_cast<facts::CallId>(files[f].facts.calls.size()); ++c)
      if (constructs(index_, f, c, "prisma")) {
        constructed = true;
        if (auto e = serverless_code(f)) return e;
      }
  if (!constructed) return serverless_;
  return std::nullopt;
}

std::vector<const UrlSite*> ProjectConfig::urls_of_variable(const std::string& name) const {
  std::vector<const UrlSite*> out;
  if (name.empty()) return out;
  for (const auto& site : urls_)
    if (site.config && site.config->kind != facts::ConfigKind::Prisma && site.url->key == name) out.push_back(&site);
  return out;
}

std::vector<const UrlSite*> ProjectConfig::urls_of_call(index::FileId file, facts::CallId call) const {
  std::vector<const UrlSite*> out;
  const auto& facts = index_.files()[file].facts;
  const auto& c = facts.calls[call];
  for (const auto& site : urls_)
    if (site.code_file == file && site.url->call == call) out.push_back(&site);
  auto add_value = [&](const facts::ValueRef& v) {
    for (const auto* site : urls_of_variable(env_variable(facts, v))) out.push_back(site);
    // `const url = 'postgres://...'; postgres(url)`
    if (v.symbol != kNone && v.steps.empty())
      for (const auto& site : urls_)
        if (site.code_file == file && site.url->call == kNone && site.url->key == facts.symbols[v.symbol].name)
          out.push_back(&site);
  };
  for (const auto& arg : c.args) {
    if (arg.kind == facts::Argument::Kind::Value) add_value(arg.value);
    if (arg.kind == facts::Argument::Kind::Object)
      for (const auto& v : arg.props().props_values) add_value(v);
  }
  return out;
}

std::vector<const UrlSite*> ProjectConfig::prisma_runtime_urls(const PrismaUse& use) const {
  if (!use.datasource->url.env.empty()) return urls_of_variable(use.datasource->url.env);
  std::vector<const UrlSite*> out;
  if (use.datasource->url.literal >= 0) {
    const auto* literal = &use.schema->urls[static_cast<std::size_t>(use.datasource->url.literal)];
    for (const auto& site : urls_)
      if (site.url == literal) out.push_back(&site);
  }
  return out;
}

PoolerMode ProjectConfig::mode(const facts::ConnectionUrl& url) const {
  PoolerMode m;
  m.name = "PostgreSQL with its default `max_connections`";
  if ((url.scheme != "postgres" && url.scheme != "postgresql") || url.hosts.empty() ||
      url.hosts.front().placeholder)
    return m;
  std::string host = lower(url.hosts.front().name);
  std::uint32_t port = url.hosts.front().port ? url.hosts.front().port : 5432;
  m.client_limit = kPostgresDefaultConnections;
  auto transaction = [&](std::string name, std::uint32_t limit) {
    m.kind = PoolerMode::Kind::Transaction;
    m.name = std::move(name);
    m.client_limit = limit;
    return m;
  };
  if (ends_with(host, ".pooler.supabase.com")) {
    m.supavisor = true;
    if (port == 6543) return transaction("Supavisor's transaction mode", kSupavisorTransactionClients);
    m.kind = PoolerMode::Kind::Session;
    m.name = "Supavisor's session mode";
    m.client_limit = kSupavisorSessionClients;
    return m;
  }
  if (ends_with(host, ".supabase.co") && port == 6543)
    return transaction("Supabase's PgBouncer in transaction mode", kSupavisorTransactionClients);
  if (ends_with(host, ".neon.tech") && host.find("-pooler.") != std::string::npos) {
    transaction("Neon's pooler (PgBouncer, transaction mode)", kNeonPoolerClients);
    m.prepared_statements = true;  // Neon runs PgBouncer with max_prepared_statements
    return m;
  }
  if (auto p = url.param("pgbouncer"); p && p->value == "true")
    return transaction("PgBouncer in transaction mode (`pgbouncer=true`)", pgbouncer_max_clients_);
  if (pgbouncer_transaction_ &&
      (port == 6432 || std::find(pgbouncer_services_.begin(), pgbouncer_services_.end(), host) !=
                           pgbouncer_services_.end())) {
    transaction("the project's PgBouncer in transaction mode", pgbouncer_max_clients_);
    m.prepared_statements = pgbouncer_prepared_statements_;
    return m;
  }
  for (const auto& [h, p] : declared_pgbouncer_hosts_)
    if (h == host && (p ? p : 5432) == port)
      return transaction("PgBouncer in transaction mode (`pgbouncer=true` on the same host elsewhere)",
                         pgbouncer_max_clients_);
  if (ends_with(host, ".supabase.co")) {
    m.name = "Supabase's database (direct connections)";
    m.client_limit = kSupabaseDirectConnections;
  }
  return m;
}

void raise_under_transaction_pooling(Finding& finding, const ProjectConfig& config) {
  const UrlSite* pooler = config.transaction_pooling();
  if (!pooler) return;
  finding.level_override = Level::Error;
  finding.level = Level::Error;
  finding.message += ", and this project connects through " + config.mode(*pooler->url).name + " at `" +
                     config::host_and_port(*pooler->url) + "`";
  finding.related.push_back({pooler->host_location(), "the transaction-mode connection string"});
}

std::string env_variable(const facts::FileFacts& facts, const facts::ValueRef& value) {
  auto read = [&](auto&& self, const facts::ValueRef& v, int depth) -> std::string {
    if (depth > 3) return "";
    if (v.global() == "process" && v.steps.size() == 2 && v.steps[0] == "env" && v.steps[1] != facts::ValueRef::kComputed)
      return v.steps[1];
    if (v.symbol != kNone && v.steps.empty())
      for (const auto& inner : facts.symbols[v.symbol].values)
        if (std::string name = self(self, inner, depth + 1); !name.empty()) return name;
    return "";
  };
  return read(read, value, 0);
}

const facts::Argument* options_argument(const facts::Call& call) {
  for (const auto& a : call.args)
    if (a.kind == facts::Argument::Kind::Object) return &a;
  return nullptr;
}

std::optional<double> numeric_option(const facts::Argument& options, std::string_view key) {
  for (const auto& [k, v] : options.props().numeric_props)
    if (k == key) return v;
  return std::nullopt;
}

std::optional<facts::Span> option_span(const facts::Argument& options, std::string_view key) {
  for (const auto& [k, span] : options.props().prop_spans)
    if (k == key) return span;
  return std::nullopt;
}

bool constructs(const index::ProjectIndex& index, index::FileId file, facts::CallId call, std::string_view library,
                std::string_view handle) {
  const auto& info = index.call(file, call);
  return info.kind == index::CallInfo::Kind::Construct && info.library && info.library->id == library &&
         (handle.empty() || info.handle_kind == handle);
}

}  // namespace connlint::rules::pool
