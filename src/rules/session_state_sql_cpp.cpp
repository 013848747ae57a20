// session-state-sql, C++ part: SQL passed to a PostgreSQL query call (libpq, libpqxx) that sets session state, with
// the same statement classifier as the TypeScript part (rules/session_sql.h). The finding points at the literal.
#include "rules/cpp_rule.h"
#include "rules/session_sql.h"

namespace connlint::rules {

namespace {

class SessionStateSqlCpp final : public CppRule {
 public:
  std::string_view id() const override { return "session-state-sql"; }

  void check(const CppRuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& project = ctx.project;
    for (cpp::UnitId u = 0; u < static_cast<cpp::UnitId>(project.units().size()); ++u) {
      for (const auto& call : project.units()[u].calls) {
        if (call.kind != facts::CppCallKind::Query) continue;
        const cpp::CppLibrary* library = project.library(call.library);
        if (!library || library->sql_dialect != "postgresql") continue;
        for (const auto& s : call.sql) {
          auto found = find_session_statement(s.text);
          if (!found) continue;
          Finding f = cpp_finding_at(id(), project, u, s.span, call.function);
          f.message = found->what + ": under PgBouncer/Supavisor transaction pooling it leaks to whichever client "
                      "gets this server connection next, or is lost";
          f.help = "use " + found->alternative;
          out.push_back(std::move(f));
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<CppRule> make_session_state_sql_cpp() { return std::make_unique<SessionStateSqlCpp>(); }

}  // namespace connlint::rules
