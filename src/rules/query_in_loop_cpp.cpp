// query-in-loop, C++ part: a query (PQexec*, txn.exec*, mysql_query, redisCommand, sqlite3_exec, ...) or a call into
// a helper that runs one, once per iteration of a `for`, range-`for`, `while` or `do` loop, or per element of a
// standard algorithm (`std::for_each`, `std::transform`, `std::ranges::...`). The front end has already left out
// bounded retry loops, pagination loops whose exit depends on the query's result and loops over a literal list of
// statements; `sqlite3_step` row iteration and reading result rows are not queries, and schema statements (DDL,
// ANALYZE, VACUUM) in a loop are setup work, not N+1.
#include "rules/cpp_rule.h"

namespace connlint::rules {

namespace {

class QueryInLoopCpp final : public CppRule {
 public:
  std::string_view id() const override { return "query-in-loop"; }

  void check(const CppRuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& project = ctx.project;
    for (cpp::UnitId u = 0; u < static_cast<cpp::UnitId>(project.units().size()); ++u) {
      const auto& unit = project.units()[u];
      for (facts::CppCallId c = 0; c < static_cast<facts::CppCallId>(unit.calls.size()); ++c) {
        const auto& call = unit.calls[c];
        if (call.loop == facts::kNone || !project.queries({u, c})) continue;
        cpp::Site query = project.query_behind({u, c});
        if (!query.known()) continue;
        // Creating the indexes of a table one by one is schema work, not a lookup per row.
        // (The first literal starts the statement: "CREATE INDEX " + name + " ON ...".)
        auto sql = project.sql_sent({u, c});
        if (!sql.empty() && cpp_is_schema_sql(sql.front().text)) continue;
        out.push_back(make_finding(project, {u, c}, query));
      }
    }
  }

 private:
  Finding make_finding(const cpp::Project& project, cpp::Site site, cpp::Site query) const {
    const auto& unit = project.units()[site.unit];
    const auto& call = unit.calls[site.call];
    const auto& loop = unit.loops[call.loop];
    const auto& query_call = project.call(query);
    bool via_helper = query.unit != site.unit || query.call != site.call;
    bool per_element = loop.kind == facts::CppLoopKind::Algorithm;
    Finding f = cpp_finding_at(id(), project, site.unit, call.span, call.function);
    std::string what = via_helper ? "`" + call.callee + "()` runs a query (`" + query_call.callee + "`)"
                                  : "`" + call.callee + "` runs a query";
    f.message = what +
                (per_element ? " once per element in " + cpp_loop_description(loop)
                             : " once per iteration of this " + cpp_loop_description(loop)) +
                ": N sequential round trips, holding the connection for the whole loop";
    const cpp::CppLibrary* library = project.library(query_call.library);
    f.help =
        library && !library->batching.empty() ? library->batching : "batch the lookups into one query before the loop";
    f.related.push_back({project.location(site.unit, loop.header), per_element ? "the algorithm" : "the loop"});
    if (via_helper) f.related.push_back({project.location(query.unit, query_call.span), "the query"});
    return f;
  }
};

}  // namespace

std::unique_ptr<CppRule> make_query_in_loop_cpp() { return std::make_unique<QueryInLoopCpp>(); }

}  // namespace connlint::rules
