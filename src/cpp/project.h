#pragma once
// The C++ project: every translation unit's CppFacts, joined across units by USR, with function summaries computed
// to a fixed point ("runs a query", "makes a new connection", "does slow non-database work"), so that rules see
// through helpers defined in other files. No Clang here: it works on facts only.
#include <map>
#include <string>
#include <vector>

#include "core/location.h"
#include "cpp/library_model.h"
#include "facts/cpp_facts.h"

namespace connlint::cpp {

using UnitId = std::int32_t;

// A call site somewhere in the project.
struct Site {
  UnitId unit = -1;
  facts::CppCallId call = -1;
  bool known() const { return unit >= 0; }
  friend bool operator<(const Site& a, const Site& b) {
    return a.unit != b.unit ? a.unit < b.unit : a.call < b.call;
  }
};

// What calling a function does, each with the call site (in that function) that leads to it.
struct CppSummary {
  Site query;    // runs a query
  Site connect;  // makes a new connection each time (not a memoised one)
  Site slow;     // does slow non-database work
};

class Project {
 public:
  Project(std::vector<facts::CppFacts> units, const LibraryModel& model);

  const std::vector<facts::CppFacts>& units() const { return units_; }
  const LibraryModel& model() const { return model_; }
  const facts::CppCall& call(Site s) const { return units_[s.unit].calls[s.call]; }

  // The summary of the function a Local call reaches (null when it is not defined in any analysed unit).
  const CppSummary* callee_summary(Site local_call) const;
  // Does this call (a catalog call, or a Local call through its summary) do `what`?
  bool queries(Site s) const;
  bool connects(Site s) const;
  bool slow(Site s) const;
  // The concrete call behind `s` for `what`: a Local call is followed through the summaries to the catalog call.
  Site query_behind(Site s) const { return behind(s, &CppSummary::query, facts::CppCallKind::Query); }
  Site connect_behind(Site s) const { return behind(s, &CppSummary::connect, facts::CppCallKind::Connect); }
  Site slow_behind(Site s) const { return behind(s, &CppSummary::slow, facts::CppCallKind::Slow); }

  // The SQL a call sends, as string literals: a catalog query's SQL argument, or, for a call into the project's
  // own wrapper, the literal it passes to the parameter that reaches the query (`db.exec("SET ...")`), or the
  // literal inside the wrapper. Empty when unknown (computed SQL).
  std::vector<facts::CppString> sql_sent(Site s) const;
  // The SQL literals written at this call itself: a catalog query's, or those a wrapper call passes to the
  // parameter that carries its SQL.
  std::vector<facts::CppString> sql_at(Site s) const;

  Location location(UnitId unit, const facts::Span& span) const;
  const CppLibrary* library(const std::string& id) const { return model_.library(id); }

 private:
  Site behind(Site s, Site CppSummary::*what, facts::CppCallKind kind) const;
  int sql_param(const std::string& usr, int depth) const;

  std::vector<facts::CppFacts> units_;
  const LibraryModel& model_;
  std::map<std::string, CppSummary> summaries_;  // by USR
};

}  // namespace connlint::cpp
