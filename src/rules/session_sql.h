#pragma once
// The SQL that sets session state, which a transaction-mode pooler (PgBouncer, Supavisor) leaks to the next client
// or loses: shared by the TypeScript and the C++ session-state-sql rules.
#include <optional>
#include <string>

namespace connlint::rules {

struct SessionStatement {
  std::string what;         // what the statement does
  std::string alternative;  // the transaction-local form
};

// SQL in lowercase with runs of whitespace collapsed to one space (and none at the start).
std::string normalise_sql(const std::string& sql);

// Does one normalised statement set session state?
std::optional<SessionStatement> session_statement(const std::string& statement);

// The first statement of `sql` (statements separated by `;`, case and spacing ignored) that sets session state.
std::optional<SessionStatement> find_session_statement(const std::string& sql);

}  // namespace connlint::rules
