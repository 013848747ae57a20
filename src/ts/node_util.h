#pragma once
// Small helpers over tree-sitter nodes, shared by the TS/JS extractor.
#include <tree_sitter/api.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "facts/file_facts.h"

namespace connlint::ts {

inline bool is(TSNode node, const char* type) {
  return !ts_node_is_null(node) && std::strcmp(ts_node_type(node), type) == 0;
}

// A field's id, looked up once per language and name: ts_node_child_by_field_name searches the language's field
// names with strncmp on every call, which showed up at 3% of a cold run.
inline TSFieldId field_id(const TSLanguage* language, const char* name) {
  struct Entry {
    const TSLanguage* language;
    const char* name;
    TSFieldId id;
  };
  thread_local Entry cache[128] = {};
  auto slot = (reinterpret_cast<std::uintptr_t>(name) >> 3 ^ reinterpret_cast<std::uintptr_t>(language) >> 4) % 128;
  Entry& e = cache[slot];
  if (e.language != language || e.name != name)
    e = {language, name,
         ts_language_field_id_for_name(language, name, static_cast<std::uint32_t>(std::strlen(name)))};
  return e.id;
}

// Which grammar symbols have one of `names` as their type name: a table indexed by ts_node_symbol, so that testing
// a node against the whole list is one lookup instead of a strcmp per name. Aliased symbols count by the name they
// show, as ts_node_type gives it. Built once per language and list (`names` must be a static array).
const std::vector<bool>& symbols_named(const TSLanguage* language, const char* const* names, std::size_t count);

inline TSNode field(TSNode node, const char* name) {
  TSFieldId id = field_id(ts_tree_language(node.tree), name);
  if (id == 0) return ts_node_child_by_field_name(node, name, static_cast<std::uint32_t>(std::strlen(name)));
  return ts_node_child_by_field_id(node, id);
}

// Calls fn(child) for each child in order, in time linear in the number of children: with tree-sitter 0.20,
// ts_node_child(node, i) walks from the first child each time, so an index loop over a node with 100,000 children
// (a generated file, an ERROR node) is quadratic.
//
// A new cursor allocates its stack; the walk enumerates the children of every node, so cursors are reused (one per
// level of nesting in use, per thread) and only reset.
class PooledCursor {
 public:
  explicit PooledCursor(TSNode node) {
    auto& free = pool().free;
    if (free.empty()) {
      cursor_ = new TSTreeCursor(ts_tree_cursor_new(node));
    } else {
      cursor_ = free.back();
      free.pop_back();
      ts_tree_cursor_reset(cursor_, node);
    }
  }
  ~PooledCursor() { pool().free.push_back(cursor_); }
  PooledCursor(const PooledCursor&) = delete;
  PooledCursor& operator=(const PooledCursor&) = delete;
  TSTreeCursor* get() { return cursor_; }

 private:
  struct Pool {
    std::vector<TSTreeCursor*> free;
    ~Pool() {
      for (TSTreeCursor* c : free) {
        ts_tree_cursor_delete(c);
        delete c;
      }
    }
  };
  static Pool& pool() {
    thread_local Pool p;
    return p;
  }
  TSTreeCursor* cursor_;
};

template <typename Fn>
void for_each_child(TSNode node, Fn&& fn) {
  PooledCursor cursor(node);
  if (!ts_tree_cursor_goto_first_child(cursor.get())) return;
  do fn(ts_tree_cursor_current_node(cursor.get()));
  while (ts_tree_cursor_goto_next_sibling(cursor.get()));
}

// The same over the named children (as ts_node_named_child enumerates them).
template <typename Fn>
void for_each_named_child(TSNode node, Fn&& fn) {
  for_each_child(node, [&](TSNode child) {
    if (ts_node_is_named(child)) fn(child);
  });
}

inline facts::Span span_of(TSPoint start, TSPoint end) {
  return facts::Span{start.row + 1, start.column + 1, end.row + 1, end.column + 1};
}

inline facts::Span span(TSNode node) { return span_of(ts_node_start_point(node), ts_node_end_point(node)); }

inline bool is_function_node(TSNode node) {
  const char* t = ts_node_type(node);
  return !std::strcmp(t, "function_declaration") || !std::strcmp(t, "generator_function_declaration") ||
         !std::strcmp(t, "function_expression") || !std::strcmp(t, "function") ||
         !std::strcmp(t, "arrow_function") || !std::strcmp(t, "method_definition") ||
         !std::strcmp(t, "generator_function");
}

// Wrappers that do not change the value of an expression.
inline bool is_transparent(TSNode node) {
  const char* t = ts_node_type(node);
  return !std::strcmp(t, "parenthesized_expression") || !std::strcmp(t, "non_null_expression") ||
         !std::strcmp(t, "as_expression") || !std::strcmp(t, "satisfies_expression") ||
         !std::strcmp(t, "type_assertion") || !std::strcmp(t, "await_expression");
}

inline std::string unquote(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'' || s.front() == '`'))
    return std::string(s.substr(1, s.size() - 2));
  return std::string(s);
}

// A numeric literal as JS reads it (`60_000`, `0x10`, `1e3`); nullopt when it is not one.
inline bool parse_number(std::string_view text, double& out) {
  std::string clean;
  for (char c : text)
    if (c != '_') clean += c;
  if (clean.empty()) return false;
  char* end = nullptr;
  if (clean.size() > 2 && clean[0] == '0' && (clean[1] == 'x' || clean[1] == 'X'))
    out = static_cast<double>(std::strtoull(clean.c_str() + 2, &end, 16));
  else
    out = std::strtod(clean.c_str(), &end);
  return end && *end == '\0';
}

}  // namespace connlint::ts
