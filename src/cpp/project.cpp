#include "cpp/project.h"

#include <set>

namespace connlint::cpp {

using facts::CppCallKind;

Project::Project(std::vector<facts::CppFacts> units, const LibraryModel& model)
    : units_(std::move(units)), model_(model) {
  // Direct effects, and the call edges between project functions.
  struct Edge {
    std::string caller;
    Site site;
  };
  std::vector<Edge> edges;
  for (UnitId u = 0; u < static_cast<UnitId>(units_.size()); ++u) {
    const auto& unit = units_[u];
    for (const auto& f : unit.functions)
      if (!f.usr.empty()) summaries_.try_emplace(f.usr);
    for (facts::CppCallId c = 0; c < static_cast<facts::CppCallId>(unit.calls.size()); ++c) {
      const auto& call = unit.calls[c];
      if (call.function == facts::kNone || call.once) continue;  // runs once, not per call of the function
      const std::string& usr = unit.functions[call.function].usr;
      if (usr.empty()) continue;
      CppSummary& s = summaries_[usr];
      Site site{u, c};
      switch (call.kind) {
        case CppCallKind::Query:
          if (!s.query.known()) s.query = site;
          break;
        case CppCallKind::Connect:
          if (!call.memoised && !s.connect.known()) s.connect = site;
          break;
        case CppCallKind::Slow:
          if (!s.slow.known()) s.slow = site;
          break;
        case CppCallKind::Local:
          if (!call.usr.empty()) edges.push_back({usr, site});
          break;
        case CppCallKind::Callback:
          break;
      }
    }
  }
  // Propagate along call edges until nothing changes.
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& e : edges) {
      auto callee = summaries_.find(call(e.site).usr);
      if (callee == summaries_.end()) continue;
      CppSummary& caller = summaries_[e.caller];
      const CppSummary& from = callee->second;
      for (Site CppSummary::*what : {&CppSummary::query, &CppSummary::connect, &CppSummary::slow}) {
        if (!(caller.*what).known() && (from.*what).known()) {
          caller.*what = e.site;
          changed = true;
        }
      }
    }
  }
}

const CppSummary* Project::callee_summary(Site s) const {
  const auto& c = call(s);
  if (c.kind != CppCallKind::Local || c.usr.empty()) return nullptr;
  auto it = summaries_.find(c.usr);
  return it == summaries_.end() ? nullptr : &it->second;
}

bool Project::queries(Site s) const {
  if (call(s).kind == CppCallKind::Query) return true;
  const auto* summary = callee_summary(s);
  return summary && summary->query.known();
}

bool Project::connects(Site s) const {
  const auto& c = call(s);
  if (c.kind == CppCallKind::Connect) return !c.memoised;
  const auto* summary = callee_summary(s);
  return summary && summary->connect.known() && !c.once;
}

bool Project::slow(Site s) const {
  if (call(s).kind == CppCallKind::Slow) return true;
  const auto* summary = callee_summary(s);
  return summary && summary->slow.known();
}

Site Project::behind(Site s, Site CppSummary::*what, CppCallKind kind) const {
  std::set<Site> seen;
  while (s.known() && call(s).kind != kind && seen.insert(s).second) {
    const auto* summary = callee_summary(s);
    if (!summary) return {};
    s = summary->*what;
  }
  return s.known() && call(s).kind == kind ? s : Site{};
}

// Which parameter of the function carries the SQL of the query its summary leads to (-1: none or unknown).
int Project::sql_param(const std::string& usr, int depth) const {
  auto it = summaries_.find(usr);
  if (depth > 16 || it == summaries_.end() || !it->second.query.known()) return -1;
  const auto& q = call(it->second.query);
  if (q.kind == CppCallKind::Query) return q.sql_param;
  if (q.kind != CppCallKind::Local) return -1;
  int inner = sql_param(q.usr, depth + 1);
  for (const auto& [arg, param] : q.forwards)
    if (arg == inner) return param;
  return -1;
}

std::vector<facts::CppString> Project::sql_sent(Site s) const {
  std::set<Site> seen;
  while (s.known() && seen.insert(s).second) {
    const auto& c = call(s);
    if (c.kind == CppCallKind::Query) return c.sql;
    const auto* summary = callee_summary(s);
    if (!summary || !summary->query.known()) return {};
    if (int p = sql_param(c.usr, 0); p >= 0) {
      std::vector<facts::CppString> out;
      for (const auto& str : c.sql)
        if (str.arg == p) out.push_back(str);
      return out;
    }
    s = summary->query;
  }
  return {};
}

std::vector<facts::CppString> Project::sql_at(Site s) const {
  const auto& c = call(s);
  if (c.kind == CppCallKind::Query) return c.sql;
  if (c.kind != CppCallKind::Local || !callee_summary(s)) return {};
  int p = sql_param(c.usr, 0);
  std::vector<facts::CppString> out;
  if (p < 0) return out;
  for (const auto& str : c.sql)
    if (str.arg == p) out.push_back(str);
  return out;
}

Location Project::location(UnitId unit, const facts::Span& span) const {
  return {units_[unit].path, span.line, span.column, span.end_line, span.end_column};
}

}  // namespace connlint::cpp
