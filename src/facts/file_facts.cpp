#include "facts/file_facts.h"

namespace connlint::facts {

namespace {

// The arena bytes a list takes once compacted.
template <typename T>
std::size_t compacted_bytes(const FactList<T>& list) {
  return list.empty() || list.in_arena() ? 0 : (8 + list.size() * sizeof(T) + 7) & ~std::size_t{7};
}

}  // namespace

void compact(FileFacts& facts) {
  if (!facts.arena) facts.arena = std::make_shared<Arena>();
  // All in one block: the sizes are final.
  std::size_t total = 0;
  for (const auto& s : facts.symbols) total += compacted_bytes(s.values) + compacted_bytes(s.reads);
  for (const auto& f : facts.functions)
    total += compacted_bytes(f.decorators) + compacted_bytes(f.params) + compacted_bytes(f.returns);
  for (const auto& c : facts.classes) {
    total += compacted_bytes(c.fields) + compacted_bytes(c.decorators);
    for (const auto& field : c.fields) total += compacted_bytes(field.values);
  }
  for (const auto& l : facts.loops) total += compacted_bytes(l.exit_symbols);
  for (const auto& c : facts.calls) total += compacted_bytes(c.args) + compacted_bytes(c.strings);
  for (const auto& g : facts.global_stores) total += compacted_bytes(g.values);
  if (total) facts.arena->reserve(total);
  ArenaScope scope(facts.arena.get());
  for (auto& s : facts.symbols) {
    s.values.compact();
    s.reads.compact();
  }
  for (auto& f : facts.functions) {
    f.decorators.compact();
    f.params.compact();
    f.returns.compact();
  }
  for (auto& c : facts.classes) {
    c.fields.compact();
    for (auto& field : c.fields) field.values.compact();
    c.decorators.compact();
  }
  for (auto& l : facts.loops) l.exit_symbols.compact();
  for (auto& c : facts.calls) {
    c.args.compact();
    c.strings.compact();
  }
  for (auto& g : facts.global_stores) g.values.compact();
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
