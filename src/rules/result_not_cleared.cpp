// result-not-cleared: a query result the C API allocates for the caller (libpq `PGresult`, hiredis `redisReply`,
// MySQL `MYSQL_RES`, a SQLite prepared statement, a MongoDB cursor) that is not freed on every path, or not kept at
// all (`PQexec(conn, "BEGIN");` as a statement). Decided on Clang's CFG by the front end, like the connection
// handles of client-not-closed. C++ only: garbage-collected clients free results by themselves.
#include "rules/cpp_rule.h"

namespace connlint::rules {

namespace {

class ResultNotCleared final : public CppRule {
 public:
  std::string_view id() const override { return "result-not-cleared"; }

  void check(const CppRuleContext& ctx, std::vector<Finding>& out) const override {
    cpp_release_findings(id(), ctx.project, facts::CppHandleRole::Result, "this result",
                         "its memory (and, for cursors and statements, its server or database resources) leaks on "
                         "every call",
                         out);
  }
};

}  // namespace

std::unique_ptr<CppRule> make_result_not_cleared() { return std::make_unique<ResultNotCleared>(); }

}  // namespace connlint::rules
