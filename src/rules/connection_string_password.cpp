// connection-string-password: a connection string with a literal password, committed (or about to be: git does
// not ignore the file). Anyone who can read the repository, or any clone or fork of its history, can connect
// (incident 5: teams pasted full connection strings into docs and repos). Placeholders (`${DB_PASSWORD}`,
// `YOUR_PASSWORD`, `[YOUR-PASSWORD]`, `****`) are not secrets, and neither are development databases (localhost,
// a compose service). The password is never printed: messages show the URL masked, and every reporter masks it
// in the source lines it shows (AnalysisResult::secrets).
#include "config/connection_url.h"
#include "rules/pool_config_util.h"

namespace connlint::rules {

namespace {

class ConnectionStringPassword final : public Rule {
 public:
  std::string_view id() const override { return "connection-string-password"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const pool::ProjectConfig& config = ctx.pool;
    for (const auto& site : config.urls()) {
      const auto& url = *site.url;
      if (!url.has_password || url.password_placeholder || site.local) continue;
      Finding f;
      f.rule_id = std::string(id());
      f.location = site.location(url.password_span);
      std::string who = url.user.empty() ? std::string("its user") : "`" + url.user + "`";
      f.message = "this connection string carries a literal password (`" + config::masked_url(url) +
                  "`): anyone who can read the repository or its history can connect as " + who;
      f.help = site.config && site.config->kind == facts::ConfigKind::Prisma
                   ? "read the URL from the environment (`url = env(\"DATABASE_URL\")`) and rotate the password: it "
                     "stays in the git history"
                   : "keep the password out of the repository (an environment variable or a secret store, "
                     "`${DB_PASSWORD}` in committed templates) and rotate it: it stays in the git history";
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_connection_string_password() { return std::make_unique<ConnectionStringPassword>(); }

}  // namespace connlint::rules
