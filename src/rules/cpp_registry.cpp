#include <algorithm>
#include <cctype>

#include "rules/cpp_rule.h"

namespace connlint::rules {

// One factory per C++ rule part (src/rules/<rule>_cpp.cpp, or <rule>.cpp for C++-only rules).
std::unique_ptr<CppRule> make_callback_in_transaction_cpp();
std::unique_ptr<CppRule> make_client_in_many_modules_cpp();
std::unique_ptr<CppRule> make_client_not_closed_cpp();
std::unique_ptr<CppRule> make_client_per_request_cpp();
std::unique_ptr<CppRule> make_connection_not_released_cpp();
std::unique_ptr<CppRule> make_loop_in_transaction_cpp();
std::unique_ptr<CppRule> make_query_in_loop_cpp();
std::unique_ptr<CppRule> make_result_not_cleared();
std::unique_ptr<CppRule> make_session_state_sql_cpp();
std::unique_ptr<CppRule> make_slow_work_in_transaction_cpp();

std::vector<std::unique_ptr<CppRule>> all_cpp_rules() {
  std::vector<std::unique_ptr<CppRule>> rules;
  rules.push_back(make_callback_in_transaction_cpp());
  rules.push_back(make_client_in_many_modules_cpp());
  rules.push_back(make_client_not_closed_cpp());
  rules.push_back(make_client_per_request_cpp());
  rules.push_back(make_connection_not_released_cpp());
  rules.push_back(make_loop_in_transaction_cpp());
  rules.push_back(make_query_in_loop_cpp());
  rules.push_back(make_result_not_cleared());
  rules.push_back(make_session_state_sql_cpp());
  rules.push_back(make_slow_work_in_transaction_cpp());
  std::sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a->id() < b->id(); });
  return rules;
}

Finding cpp_finding_at(std::string_view rule, const cpp::Project& project, cpp::UnitId unit, const facts::Span& span,
                       facts::CppFunctionId function) {
  Finding f;
  f.rule_id = std::string(rule);
  f.location = project.location(unit, span);
  const auto& functions = project.units()[unit].functions;
  if (function != facts::kNone) f.enclosing_function = functions[function].name;
  return f;
}

std::string cpp_library_name(const cpp::Project& project, const std::string& library) {
  const cpp::CppLibrary* lib = project.library(library);
  return lib ? lib->display_name : library;
}

std::string cpp_loop_description(const facts::CppLoop& loop) {
  switch (loop.kind) {
    case facts::CppLoopKind::For:
      return "`for` loop";
    case facts::CppLoopKind::RangeFor:
      return "range-`for` loop";
    case facts::CppLoopKind::While:
      return "`while` loop";
    case facts::CppLoopKind::DoWhile:
      return "`do`...`while` loop";
    case facts::CppLoopKind::Algorithm:
      return "`" + loop.algorithm + "`";
  }
  return "loop";
}

bool cpp_transaction_confirmed(const cpp::Project& project, cpp::UnitId unit, const facts::CppTransaction& tx) {
  return tx.kind != facts::CppTransactionKind::Sql || tx.opener == facts::kNone || project.queries({unit, tx.opener});
}

bool cpp_is_schema_sql(const std::string& sql) {
  std::string word;
  for (char ch : sql) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isspace(c) || ch == '(' || ch == ';') {
      if (!word.empty()) break;
      continue;
    }
    word += static_cast<char>(std::tolower(c));
  }
  for (const char* w : {"create", "drop", "alter", "truncate", "grant", "revoke", "comment", "analyze", "analyse",
                        "vacuum", "cluster", "reindex", "refresh"})
    if (word == w) return true;
  return false;
}

bool cpp_is_test_path(const std::string& path) {
  std::string p = "/" + path;
  for (const char* marker : {"/test/", "/tests/", "/testing/", "_test.", "_tests.", "/test_", "_unittest."})
    if (p.find(marker) != std::string::npos) return true;
  return false;
}

bool cpp_loop_encloses(const facts::CppFacts& unit, facts::CppLoopId outer, facts::CppLoopId loop) {
  for (int guard = 0; loop != facts::kNone && guard < 1000; ++guard, loop = unit.loops[loop].parent)
    if (loop == outer) return true;
  return false;
}

void cpp_release_findings(std::string_view rule, const cpp::Project& project, facts::CppHandleRole role,
                          const std::string& noun, const std::string& consequence, std::vector<Finding>& out) {
  for (cpp::UnitId u = 0; u < static_cast<cpp::UnitId>(project.units().size()); ++u) {
    const auto& unit = project.units()[u];
    for (const auto& a : unit.acquires) {
      if (a.role != role || a.verdict == facts::CppReleaseVerdict::Released) continue;
      Finding f = cpp_finding_at(rule, project, u, a.span, a.function);
      const std::string release = "`" + a.release + (a.release == "delete" ? "`" : "()`");
      switch (a.verdict) {
        case facts::CppReleaseVerdict::LeaksOnPath: {
          const std::string held = noun + " (`" + a.callee + "`, held in `" + a.variable + "`)";
          Location exit = project.location(u, a.exit);
          if (a.exit_kind == "reassignment") {
            f.message = held + " is overwritten before it is released with " + release + ": " + consequence;
            f.related.push_back({exit, "`" + a.variable + "` is assigned again here"});
          } else if (!a.released_elsewhere) {
            f.message = held + " is never released with " + release + ": " + consequence;
            f.related.push_back({exit, "still not released here, at the " + a.exit_kind});
          } else {
            f.message = held + " is released with " + release + " on some paths, but not on the one that " +
                        (a.exit_kind == "end of function" ? std::string("reaches the end of the function")
                                                          : "leaves through a `" + a.exit_kind + "`") +
                        ": " + consequence;
            f.related.push_back({exit, a.exit_kind == "end of function"
                                           ? "the function ends here without " + release
                                           : "this `" + a.exit_kind + "` skips " + release});
          }
          f.flow = {{f.location, "acquired here"}, {exit, "the path leaves here without " + release}};
          f.help = "call " + release +
                   " on every path out of the function (or own it with a `std::unique_ptr` "
                   "whose deleter calls " +
                   release + ")";
          break;
        }
        case facts::CppReleaseVerdict::Discarded:
          f.message = noun + " from `" + a.callee + "` is " +
                      (a.exit_kind.empty() ? std::string("discarded") : "passed straight to `" + a.exit_kind + "`") +
                      " and never released with " + release + ": " + consequence;
          f.help = "keep it in a variable and call " + release + " when done with it";
          break;
        case facts::CppReleaseVerdict::WrongDeleter:
          f.message = noun + " from `" + a.callee +
                      "` is owned by a smart pointer that will `delete` it instead "
                      "of calling " +
                      release + ": the library's resources are never released";
          f.help = "give the smart pointer a deleter that calls " + release + ", e.g. `std::unique_ptr<T, decltype(&" +
                   a.release + ")> p(" + a.callee + "(...), &" + a.release + ")`";
          break;
        case facts::CppReleaseVerdict::Released:
          break;
      }
      out.push_back(std::move(f));
    }
  }
}

}  // namespace connlint::rules
