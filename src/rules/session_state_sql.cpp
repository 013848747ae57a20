// session-state-sql: raw SQL that sets SESSION state. Under PgBouncer/Supavisor transaction pooling the server
// connection goes to another client after each transaction, so session state leaks to whoever gets it next
// (incident 4: `set_config('app.current_tenant_id', id, false)` let one tenant's id reach another's queries) or
// is lost (`LISTEN`, prepared statements). Each has a transaction-local form, which the message names.
#include "rules/pool_config_util.h"
#include "rules/rule_util.h"
#include "rules/session_sql.h"

namespace connlint::rules {

namespace {

class SessionStateSql final : public Rule {
 public:
  std::string_view id() const override { return "session-state-sql"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    // When the project's configuration shows a transaction-mode pooler, the leak is not hypothetical: an error.
    const pool::ProjectConfig& config = ctx.pool;
    const auto& files = ctx.index.files();
    for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
      if (!files[f].reported) continue;
      const auto& calls = files[f].facts.calls;
      for (facts::CallId c = 0; c < static_cast<facts::CallId>(calls.size()); ++c) {
        if (ctx.index.call(f, c).kind != index::CallInfo::Kind::Query) continue;
        for (const auto& s : calls[c].strings) {
          std::string sql = normalise_sql(s.text);
          std::size_t start = 0;
          while (start <= sql.size()) {
            std::size_t end = sql.find(';', start);
            std::string stmt = sql.substr(start, end == std::string::npos ? std::string::npos : end - start);
            while (!stmt.empty() && stmt.front() == ' ') stmt.erase(0, 1);
            if (auto found = session_statement(stmt)) {
              Finding finding = finding_at(id(), ctx.index, f, s.span, calls[c].function);
              finding.message = found->what + ": under PgBouncer/Supavisor transaction pooling it leaks to "
                                "whichever client gets this server connection next, or is lost";
              finding.help = "use " + found->alternative;
              pool::raise_under_transaction_pooling(finding, config);
              out.push_back(std::move(finding));
              break;
            }
            if (end == std::string::npos) break;
            start = end + 1;
          }
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_session_state_sql() { return std::make_unique<SessionStateSql>(); }

}  // namespace connlint::rules
