#include "index/summaries.h"

namespace connlint::index {

using facts::CallId;
using facts::FunctionId;
using facts::kNone;
using Kind = CallInfo::Kind;

namespace {

// A construction whose result is kept for later calls (`db ??= postgres(url)`, `if (!db) db = ...`) builds one
// client per process, not one per call.
bool is_cached(const facts::FileFacts& f, const facts::Call& call, int depth = 0) {
  if (call.stored_globally) return true;
  // `db = drizzle(postgres(url))`: the inner client lives as long as the outer one it is passed to.
  if (call.result == kNone)
    return call.argument_of != kNone && depth < 8 && is_cached(f, f.calls[call.argument_of], depth + 1);
  return f.symbols[call.result].function == kNone;
}

}  // namespace

Summaries::Summaries(const ProjectIndex& index) : index_(index) {
  const auto& files = index.files();
  summaries_.resize(files.size());
  struct Edge {
    FileId file;
    FunctionId from;
    CallId call;
    FileId to_file;
    FunctionId to;
  };
  std::vector<Edge> edges;
  for (FileId f = 0; f < static_cast<FileId>(files.size()); ++f) {
    const auto& facts = files[f].facts;
    summaries_[f].resize(facts.functions.size());
    for (CallId c = 0; c < static_cast<CallId>(facts.calls.size()); ++c) {
      FunctionId owner = index.owner(f, facts.calls[c].function);
      if (owner == kNone) continue;  // module scope: runs once, no function to summarise
      auto& s = summaries_[f][owner];
      const CallInfo& info = index.call(f, c);
      Witness here{f, c};
      switch (info.kind) {
        case Kind::Query:
          if (!s.query.known()) s.query = here;
          break;
        case Kind::Slow:
          if (!s.slow.known()) s.slow = here;
          break;
        case Kind::Construct:
          if (!s.construct.known() && !is_cached(facts, facts.calls[c])) s.construct = here;
          break;
        case Kind::Transaction:
          if (!s.transaction.known()) s.transaction = here;
          break;
        case Kind::Local:
          edges.push_back({f, owner, c, info.target_file, info.target_function});
          break;
        default:
          break;
      }
    }
  }
  // Propagate along calls until nothing changes. A cached construction does not propagate: `getDb()` that
  // memoises is fine to call anywhere.
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& e : edges) {
      const auto& callee = summaries_[e.to_file][e.to];
      auto& caller = summaries_[e.file][e.from];
      const auto& call = index.files()[e.file].facts.calls[e.call];
      for (Witness FunctionSummary::*fact :
           {&FunctionSummary::query, &FunctionSummary::slow, &FunctionSummary::transaction}) {
        if ((callee.*fact).known() && !(caller.*fact).known()) {
          caller.*fact = Witness{e.file, e.call};
          changed = true;
        }
      }
      if (callee.construct.known() && !caller.construct.known() &&
          !is_cached(index.files()[e.file].facts, call)) {
        caller.construct = Witness{e.file, e.call};
        changed = true;
      }
    }
  }
}

const FunctionSummary* Summaries::of_call(FileId file, CallId call) const {
  const CallInfo& info = index_.call(file, call);
  if (info.kind != Kind::Local || info.target_function == kNone) return nullptr;
  return &summaries_[info.target_file][info.target_function];
}

Witness Summaries::operation(Witness start, Witness FunctionSummary::*fact) const {
  Witness w = start;
  for (int hops = 0; hops < 64 && w.known(); ++hops) {
    const FunctionSummary* next = of_call(w.file, w.call);
    if (!next || !(next->*fact).known()) return w;
    w = next->*fact;
  }
  return w;
}

}  // namespace connlint::index
