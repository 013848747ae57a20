// client-not-closed, C++ part: a connection handle (PQconnectdb*, redisConnect*, mysql_init, sqlite3_open*,
// mongoc_client_new*, `new pqxx::connection`, a raw `sql::Connection*`) that is not closed on every path out of the
// function, decided on Clang's CFG by the front end (src/cpp/handle_flow.h). Handles returned to the caller, stored
// in a member or a global, or owned by a smart pointer or RAII object are the owner's business.
#include "rules/cpp_rule.h"

namespace connlint::rules {

namespace {

class ClientNotClosedCpp final : public CppRule {
 public:
  std::string_view id() const override { return "client-not-closed"; }

  void check(const CppRuleContext& ctx, std::vector<Finding>& out) const override {
    cpp_release_findings(id(), ctx.project, facts::CppHandleRole::Connection, "this connection",
                         "the connection stays open (a server process and a slot of the connection limit) until the "
                         "program exits",
                         out);
  }
};

}  // namespace

std::unique_ptr<CppRule> make_client_not_closed_cpp() { return std::make_unique<ClientNotClosedCpp>(); }

}  // namespace connlint::rules
