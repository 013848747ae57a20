#include "rules/session_sql.h"

#include "core/sql_text.h"

#include <cctype>
#include <string_view>

namespace connlint::rules {

std::string normalise_sql(const std::string& sql) { return normalise_sql_text(sql); }

namespace {

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// The third argument of each `set_config(...)` call in the statement.
bool sets_config_for_session(const std::string& stmt) {
  for (std::size_t at = stmt.find("set_config("); at != std::string::npos; at = stmt.find("set_config(", at + 1)) {
    int depth = 0, arg = 0;
    std::string third;
    for (std::size_t i = at + 11; i < stmt.size(); ++i) {
      char c = stmt[i];
      if (c == '(') ++depth;
      if (c == ')' && depth-- == 0) break;
      if (c == ',' && depth == 0) {
        ++arg;
        continue;
      }
      if (arg == 2 && c != ' ') third += c;
    }
    if (third == "false") return true;
  }
  return false;
}

}  // namespace

std::optional<SessionStatement> session_statement(const std::string& stmt) {
  if (sets_config_for_session(stmt))
    return SessionStatement{"`set_config(..., false)` sets a session-level setting",
                            "`set_config(name, value, true)` (transaction-local), inside the transaction"};
  if (starts_with(stmt, "set ")) {
    if (starts_with(stmt, "set local ") || starts_with(stmt, "set transaction") || starts_with(stmt, "set constraints"))
      return std::nullopt;
    return SessionStatement{"`SET` changes a session setting", "`SET LOCAL` inside a transaction"};
  }
  if (stmt == "reset" || starts_with(stmt, "reset "))
    return SessionStatement{"`RESET` changes a session setting", "`SET LOCAL` inside a transaction"};
  if (starts_with(stmt, "listen "))
    return SessionStatement{"`LISTEN` subscribes the session", "a direct (session-mode) connection for listeners"};
  if (starts_with(stmt, "prepare ") && !starts_with(stmt, "prepare transaction"))
    return SessionStatement{"`PREPARE` creates a session-level prepared statement",
                            "unnamed statements (parameterised queries) or a session-mode connection"};
  if (starts_with(stmt, "deallocate"))
    return SessionStatement{"`DEALLOCATE` acts on session-level prepared statements",
                            "unnamed statements (parameterised queries)"};
  for (const char* fn : {"pg_advisory_lock(", "pg_advisory_lock_shared(", "pg_try_advisory_lock(",
                         "pg_try_advisory_lock_shared("})
    if (stmt.find(fn) != std::string::npos)
      return SessionStatement{"a session-level advisory lock outlives the transaction",
                              "`pg_advisory_xact_lock(...)`, released at commit"};
  if (starts_with(stmt, "declare ") && stmt.find(" with hold") != std::string::npos)
    return SessionStatement{"a `WITH HOLD` cursor outlives the transaction", "a cursor without `WITH HOLD`"};
  if ((starts_with(stmt, "create temp") || starts_with(stmt, "create temporary")) &&
      stmt.find("on commit drop") == std::string::npos)
    return SessionStatement{"a temporary table lives as long as the session", "`ON COMMIT DROP`"};
  return std::nullopt;
}

std::optional<SessionStatement> find_session_statement(const std::string& text) {
  std::string sql = normalise_sql(text);
  std::size_t start = 0;
  while (start <= sql.size()) {
    std::size_t end = sql.find(';', start);
    std::string stmt = sql.substr(start, end == std::string::npos ? std::string::npos : end - start);
    while (!stmt.empty() && stmt.front() == ' ') stmt.erase(0, 1);
    if (auto found = session_statement(stmt)) return found;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace connlint::rules
