// connection-not-released, C++ part: a client checked out of a pool (`mongoc_client_pool_pop`) that is not pushed
// back on every path, decided on Clang's CFG by the front end.
#include "rules/cpp_rule.h"

namespace connlint::rules {

namespace {

class ConnectionNotReleasedCpp final : public CppRule {
 public:
  std::string_view id() const override { return "connection-not-released"; }

  void check(const CppRuleContext& ctx, std::vector<Finding>& out) const override {
    cpp_release_findings(id(), ctx.project, facts::CppHandleRole::Checkout, "this pooled connection",
                         "the pool shrinks by one each time, and is empty after a few failures", out);
  }
};

}  // namespace

std::unique_ptr<CppRule> make_connection_not_released_cpp() { return std::make_unique<ConnectionNotReleasedCpp>(); }

}  // namespace connlint::rules
