#include "facts/file_facts.h"

namespace connlint::facts {

namespace {

// Calls `visit` on every FactList of `facts` whose elements are not inside another list (a class's fields come
// before each field's values: compacting moves the fields, not what their lists point to). The one place that
// names them all, for both passes of compact().
template <typename Visit>
void for_each_list(FileFacts& facts, Visit&& visit) {
  for (auto& s : facts.symbols) {
    visit(s.values);
    visit(s.reads);
  }
  for (auto& f : facts.functions) {
    visit(f.decorators);
    visit(f.params);
    visit(f.returns);
  }
  for (auto& c : facts.classes) {
    visit(c.fields);
    for (auto& field : c.fields) visit(field.values);
    visit(c.decorators);
  }
  for (auto& l : facts.loops) visit(l.exit_symbols);
  for (auto& c : facts.calls) {
    visit(c.args);
    visit(c.strings);
  }
  for (auto& g : facts.global_stores) visit(g.values);
}

}  // namespace

void compact(FileFacts& facts) {
  if (!facts.arena) facts.arena = std::make_shared<Arena>();
  // All in one block: the sizes are final.
  std::size_t total = 0;
  for_each_list(facts, [&](const auto& list) {
    using T = typename std::decay_t<decltype(list)>::value_type;
    if (!list.empty() && !list.in_arena()) total += (8 + list.size() * sizeof(T) + 7) & ~std::size_t{7};
  });
  if (total) facts.arena->reserve(total);
  ArenaScope scope(facts.arena.get());
  for_each_list(facts, [](auto& list) { list.compact(); });
  facts.symbols.shrink_to_fit();
  facts.exports.shrink_to_fit();
  facts.functions.shrink_to_fit();
  facts.classes.shrink_to_fit();
  facts.loops.shrink_to_fit();
  facts.calls.shrink_to_fit();
  facts.global_stores.shrink_to_fit();
  facts.required_modules.shrink_to_fit();
  facts.connection_urls.shrink_to_fit();
}

}  // namespace connlint::facts
