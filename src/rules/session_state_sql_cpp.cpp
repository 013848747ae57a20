// session-state-sql, C++ part: SQL passed to a PostgreSQL query call (libpq, libpqxx), directly or through the
// project's own wrappers (`db.exec("SET ...")`), that sets session state, with the same statement classifier as the
// TypeScript part (rules/session_sql.h). The finding points at the literal.
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
      const auto& calls = project.units()[u].calls;
      for (facts::CppCallId c = 0; c < static_cast<facts::CppCallId>(calls.size()); ++c) {
        // A catalog query, or a call into a wrapper given the SQL as a literal (the literal is at this call).
        if (!project.queries({u, c})) continue;
        cpp::Site query = project.query_behind({u, c});
        const cpp::CppLibrary* library = query.known() ? project.library(project.call(query).library) : nullptr;
        if (!library || library->sql_dialect != "postgresql") continue;
        for (const auto& s : project.sql_at({u, c})) {
          auto found = find_session_statement(s.text);
          if (!found) continue;
          Finding f = cpp_finding_at(id(), project, u, s.span, calls[c].function);
          f.message = found->what +
                      ": under PgBouncer/Supavisor transaction pooling it leaks to whichever client "
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
