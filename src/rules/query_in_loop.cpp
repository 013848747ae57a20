// query-in-loop: a database query issued once per loop iteration (N+1).
//
// Reports the query call (primary location) with the loop as a related location. Sequential loops cost N round
// trips while holding a connection; concurrent fan-out (array callbacks, Promise.all over .map) asks the pool for N
// connections at once and drains it. Iteration over a short literal array is a fixed set, not N.
#include "rules/rule.h"

namespace connlint::rules {

namespace {

using facts::LoopKind;
using index::Resolved;

std::string loop_description(const facts::Loop& loop) {
  switch (loop.kind) {
    case LoopKind::For: return "`for` loop";
    case LoopKind::ForOf: return "`for...of` loop";
    case LoopKind::ForIn: return "`for...in` loop";
    case LoopKind::ForAwait: return "`for await` loop";
    case LoopKind::While: return "`while` loop";
    case LoopKind::DoWhile: return "`do...while` loop";
    case LoopKind::ArrayCallback:
      return loop.in_promise_combinator ? "`Promise.all` over `." + loop.method + "()`"
                                        : "`." + loop.method + "()` callback";
  }
  return "loop";
}

// Sequential iterations wait for each query; concurrent ones start them all before any finishes.
bool is_concurrent(const facts::Loop& loop, const facts::Call& call) {
  if (loop.kind == LoopKind::ArrayCallback)
    return !(call.awaited && (loop.method == "reduce" || loop.method == "reduceRight"));
  return !call.awaited;
}

std::string callee_text(const facts::FileFacts& file, const facts::ValueRef& ref) {
  std::string text = ref.symbol != facts::kNone ? file.symbols[ref.symbol].name : ref.global;
  for (const auto& step : ref.steps) text += step == facts::ValueRef::kCall ? "()" : "." + step;
  return text;
}

std::string enclosing_function_name(const facts::FileFacts& file, facts::FunctionId fn) {
  for (; fn != facts::kNone; fn = file.functions[fn].parent)
    if (!file.functions[fn].name.empty()) return file.functions[fn].name;
  return {};
}

class QueryInLoop final : public Rule {
 public:
  std::string_view id() const override { return "query-in-loop"; }

  void check(const index::ProjectIndex& index, std::vector<Finding>& out) const override {
    const auto& files = index.files();
    for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
      if (!files[f].reported) continue;
      const auto& facts = files[f].facts;
      for (const auto& call : facts.calls) {
        if (call.construct || call.loop == facts::kNone) continue;
        const facts::Loop* loop = data_driven_loop(facts, call.loop);
        if (!loop) continue;
        Resolved callee = index.resolve(f, call.callee);
        if (callee.kind != Resolved::Kind::Handle) continue;
        auto kind = callee.library->handles.find(callee.handle_kind);
        if (kind == callee.library->handles.end() || !matches_query(kind->second, callee.path)) continue;
        out.push_back(make_finding(index, f, call, *loop, *callee.library));
      }
    }
  }

 private:
  // The innermost enclosing loop that iterates data rather than a short literal list.
  static const facts::Loop* data_driven_loop(const facts::FileFacts& facts, facts::LoopId id) {
    for (; id != facts::kNone; id = facts.loops[id].parent)
      if (!facts.loops[id].literal_iterable) return &facts.loops[id];
    return nullptr;
  }

  Finding make_finding(const index::ProjectIndex& index, index::FileId f, const facts::Call& call,
                       const facts::Loop& loop, const Library& library) const {
    const auto& facts = index.files()[f].facts;
    std::string callee = callee_text(facts, call.callee);
    bool concurrent = is_concurrent(loop, call);
    Finding finding;
    finding.rule_id = std::string(id());
    finding.location = index.location(f, call.callee_span);
    finding.enclosing_function = enclosing_function_name(facts, call.function);
    if (concurrent) {
      finding.message = "`" + callee + "` runs once per element inside " + loop_description(loop) +
                        ": N concurrent queries ask the pool for N connections at once and drain it";
    } else {
      finding.message = "`" + callee + "` runs once per iteration of this " + loop_description(loop) +
                        ": N sequential round trips, holding a pooled connection for the whole loop";
    }
    finding.help = library.batching.empty() ? "batch the lookups into one query before the loop"
                                            : library.batching;
    finding.related.push_back({index.location(f, loop.header), concurrent ? "the fan-out" : "the loop"});
    return finding;
  }
};

}  // namespace

std::unique_ptr<Rule> make_query_in_loop() { return std::make_unique<QueryInLoop>(); }

}  // namespace connlint::rules
