// query-in-loop: a database query issued once per loop iteration (N+1), directly or through helper functions.
//
// Reports the query call, or the call into the helper that leads to one (primary location), with the loop and,
// for helpers, the query inside the helper as related locations. Sequential loops cost N round trips while
// holding a connection; concurrent fan-out (array callbacks, Promise.all over .map) asks the pool for N
// connections at once and drains it. Not reported: iteration over a short literal list, cursor pagination (the
// query's result decides when the loop ends), short bounded retry loops.
#include <algorithm>
#include <cctype>

#include "rules/rule.h"

namespace connlint::rules {

namespace {

using facts::LoopKind;
using index::CallInfo;

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

// The loop that makes the call repeat N times: the innermost enclosing one that iterates data, not a short
// literal list.
const facts::Loop* data_driven_loop(const facts::FileFacts& facts, facts::LoopId id) {
  for (; id != facts::kNone; id = facts.loops[id].parent)
    if (!facts.loops[id].literal_iterable) return &facts.loops[id];
  return nullptr;
}

// Does the query fetch a page: `take`/`skip`/`cursor`/`limit`/`offset` options or SQL `LIMIT`/`OFFSET`?
bool fetches_a_page(const facts::Call& call) {
  static constexpr std::string_view kPageKeys[] = {"take", "skip", "cursor", "limit", "offset", "first", "after",
                                                   "before", "last", "page", "pageSize", "per_page", "batchSize"};
  auto is_page_key = [](const std::string& k) {
    return std::find(std::begin(kPageKeys), std::end(kPageKeys), k) != std::end(kPageKeys);
  };
  for (const auto& a : call.args) {
    for (const auto& [key, span] : a.props().prop_spans)
      if (is_page_key(key)) return true;
    for (const auto& key : a.props().prop_names)
      if (is_page_key(key)) return true;
  }
  for (const auto& s : call.strings) {
    std::string lower;
    for (char ch : s.text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower.find("limit") != std::string::npos || lower.find("offset") != std::string::npos ||
        lower.find("fetch next") != std::string::npos)
      return true;
  }
  return false;
}

// Does the loop stop on what `call` returned (`if (page.length === 0) break`, `while (rows.length === 100)`)?
bool exit_depends_on(const facts::FileFacts& facts, const facts::Loop& loop, const facts::Call& call) {
  if (call.result == facts::kNone) return false;
  for (facts::SymbolId s : loop.exit_symbols) {
    if (s == call.result) return true;
    for (const auto& v : facts.symbols[s].values)
      if (v.symbol == call.result) return true;
    // `hasMore = page.length === pageSize`: a flag computed from the result.
    for (facts::SymbolId r : facts.symbols[s].reads)
      if (r == call.result) return true;
  }
  return false;
}

// A batch loop: it fetches a page per iteration (`take`/`limit`) and runs until a query's result says it is done
// (`while (true) { const page = await db.x.findMany({ take: 100 }); if (!page.length) break; ... }`). Every query
// directly in it then runs once per page, not once per row. A walk that stops on a missing row (`if (!folder)
// break` up a parent chain) has no page query and is still one query per step.
bool is_batch_loop(const index::ProjectIndex& index, index::FileId f, facts::LoopId id) {
  const auto& facts = index.files()[f].facts;
  const auto& loop = facts.loops[id];
  // Only loops that run until told to stop; iterating a collection and leaving early is one query per item.
  if (loop.kind != LoopKind::While && loop.kind != LoopKind::DoWhile && loop.kind != LoopKind::For) return false;
  bool pages = false, ends_on_result = false;
  for (facts::CallId c = 0; c < static_cast<facts::CallId>(facts.calls.size()); ++c) {
    const auto& call = facts.calls[c];
    if (call.loop != id) continue;
    // The page may come from a query or from a helper (`getLinks({ page, pageSize })`); the loop may stop on
    // either's result.
    pages = pages || fetches_a_page(call);
    ends_on_result = ends_on_result || exit_depends_on(facts, loop, call);
  }
  return pages && ends_on_result;
}

// `prisma.$transaction(items.map((i) => prisma.item.update(...)))`: the array form hands lazy queries to one
// transaction, which runs them in order on one connection. That is Prisma's batching, not a fan-out.
bool feeds_array_transaction(const index::ProjectIndex& index, index::FileId f, const facts::Loop& loop) {
  if (loop.kind != LoopKind::ArrayCallback) return false;
  const auto& facts = index.files()[f].facts;
  for (facts::CallId c = 0; c < static_cast<facts::CallId>(facts.calls.size()); ++c) {
    const auto& array_call = facts.calls[c];
    if (array_call.span.line != loop.header.line || array_call.span.column != loop.header.column ||
        array_call.span.end_line != loop.header.end_line || array_call.span.end_column != loop.header.end_column)
      continue;
    if (array_call.argument_of == facts::kNone) return false;
    return index.call(f, array_call.argument_of).kind == CallInfo::Kind::Transaction;
  }
  return false;
}

class QueryInLoop final : public Rule {
 public:
  std::string_view id() const override { return "query-in-loop"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& files = ctx.index.files();
    for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
      if (!files[f].reported) continue;
      const auto& facts = files[f].facts;
      for (facts::CallId c = 0; c < static_cast<facts::CallId>(facts.calls.size()); ++c) {
        const auto& call = facts.calls[c];
        if (call.loop == facts::kNone) continue;
        const CallInfo& info = ctx.index.call(f, c);
        index::Witness query;
        if (info.kind == CallInfo::Kind::Query) {
          query = {f, c};
        } else if (info.kind == CallInfo::Kind::Local) {
          const auto* summary = ctx.summaries.of_call(f, c);
          if (!summary || !summary->query.known()) continue;
          query = ctx.summaries.operation({f, c}, &index::FunctionSummary::query);
        } else {
          continue;
        }
        const facts::Loop* loop = data_driven_loop(facts, call.loop);
        if (!loop) continue;
        if (feeds_array_transaction(ctx.index, f, *loop)) continue;
        if (loop->small_bound && loop->has_exit) continue;  // bounded retry: `for (attempt = 0; attempt < 3; ...)`
        // One query per chunk of ids (`for (const chunk of chunks) findMany({ where: { id: { in: chunk } } })`) is
        // the batching this rule asks for.
        if (call.batched || ctx.index.files()[query.file].facts.calls[query.call].batched) continue;
        if (is_batch_loop(ctx.index, f, static_cast<facts::LoopId>(loop - facts.loops.data()))) continue;
        out.push_back(make_finding(ctx, f, c, *loop, query));
      }
    }
  }

 private:
  Finding make_finding(const RuleContext& ctx, index::FileId f, facts::CallId c, const facts::Loop& loop,
                       index::Witness query) const {
    const auto& index = ctx.index;
    const auto& facts = index.files()[f].facts;
    const auto& call = facts.calls[c];
    bool via_helper = query.file != f || query.call != c;
    const auto& query_call = index.files()[query.file].facts.calls[query.call];
    const Library* library = index.call(query.file, query.call).library;
    std::string callee = index.value_text(f, call.callee);
    std::string what = via_helper ? "`" + callee + "()` runs a query (`" +
                                        index.value_text(query.file, query_call.callee) + "`)"
                                  : "`" + callee + "`";
    bool concurrent = is_concurrent(loop, call);
    Finding finding;
    finding.rule_id = std::string(id());
    finding.location = index.location(f, call.callee_span);
    finding.enclosing_function = index.function_name(f, call.function);
    if (concurrent)
      finding.message = what + " once per element inside " + loop_description(loop) +
                        ": N concurrent queries ask the pool for N connections at once and drain it";
    else
      finding.message = what + " once per iteration of this " + loop_description(loop) +
                        ": N sequential round trips, holding a pooled connection for the whole loop";
    if (!via_helper) finding.message.insert(callee.size() + 2, " runs");
    // A one-off script that walks rows one by one is slow, not an outage: it holds one connection. A concurrent
    // fan-out in a script still drains the pool it shares with the app.
    if (!concurrent && index.files()[f].role != index::ProjectIndex::Role::App) {
      finding.level_override = Level::Note;
      finding.message += index.files()[f].role == index::ProjectIndex::Role::Script
                             ? " (in a script: slow, but it holds only one connection)"
                             : " (in a test: slow, but it holds only one connection)";
    }
    finding.help = library && !library->batching.empty() ? library->batching
                                                         : "batch the lookups into one query before the loop";
    finding.related.push_back({index.location(f, loop.header), concurrent ? "the fan-out" : "the loop"});
    if (via_helper) finding.related.push_back({index.location(query.file, query_call.callee_span), "the query"});
    return finding;
  }
};

}  // namespace

std::unique_ptr<Rule> make_query_in_loop() { return std::make_unique<QueryInLoop>(); }

}  // namespace connlint::rules
