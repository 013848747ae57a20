#include <algorithm>

#include "rules/rule.h"

namespace connlint::rules {

// One factory per rule file (src/rules/<rule>.cpp).
std::unique_ptr<Rule> make_callback_in_transaction();
std::unique_ptr<Rule> make_client_in_many_modules();
std::unique_ptr<Rule> make_client_not_closed();
std::unique_ptr<Rule> make_client_per_request();
std::unique_ptr<Rule> make_client_without_global_cache();
std::unique_ptr<Rule> make_connection_not_released();
std::unique_ptr<Rule> make_connection_string_password();
std::unique_ptr<Rule> make_long_transaction_timeout();
std::unique_ptr<Rule> make_loop_in_transaction();
std::unique_ptr<Rule> make_pool_without_connection_timeout();
std::unique_ptr<Rule> make_query_in_loop();
std::unique_ptr<Rule> make_serverless_pool_size();
std::unique_ptr<Rule> make_session_state_sql();
std::unique_ptr<Rule> make_slow_work_in_transaction();
std::unique_ptr<Rule> make_supavisor_session_mode();
std::unique_ptr<Rule> make_transaction_pooler_prepared_statements();

std::vector<std::unique_ptr<Rule>> all_rules() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(make_callback_in_transaction());
  rules.push_back(make_client_in_many_modules());
  rules.push_back(make_client_not_closed());
  rules.push_back(make_client_per_request());
  rules.push_back(make_client_without_global_cache());
  rules.push_back(make_connection_not_released());
  rules.push_back(make_connection_string_password());
  rules.push_back(make_long_transaction_timeout());
  rules.push_back(make_loop_in_transaction());
  rules.push_back(make_pool_without_connection_timeout());
  rules.push_back(make_query_in_loop());
  rules.push_back(make_serverless_pool_size());
  rules.push_back(make_session_state_sql());
  rules.push_back(make_slow_work_in_transaction());
  rules.push_back(make_supavisor_session_mode());
  rules.push_back(make_transaction_pooler_prepared_statements());
  std::sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a->id() < b->id(); });
  return rules;
}

}  // namespace connlint::rules
