#include "ts/extractor.h"

#include <tree_sitter/api.h>

#include <cstring>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "ts/language.h"

namespace connlint::ts {

using facts::FileFacts;
using facts::FunctionId;
using facts::kNone;
using facts::LoopId;
using facts::LoopKind;
using facts::Span;
using facts::SymbolId;
using facts::SymbolKind;
using facts::ValueRef;

namespace {

// Array methods whose callback runs once per element.
constexpr std::string_view kIteratingMethods[] = {"map",    "forEach", "flatMap",  "filter",        "reduce",
                                                  "reduceRight", "some", "every",  "find",          "findIndex",
                                                  "findLast", "findLastIndex"};
constexpr std::string_view kPromiseCombinators[] = {"all", "allSettled", "any", "race"};
// Deeper trees than this are not walked further (a notice says so); it keeps the recursive walk off the stack limit.
constexpr int kMaxDepth = 1500;
// A literal array with at most this many elements is a small fixed set, not data-driven iteration.
constexpr std::uint32_t kSmallLiteralSet = 5;

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view value) {
  for (auto v : list)
    if (v == value) return true;
  return false;
}

bool is(TSNode node, const char* type) { return !ts_node_is_null(node) && std::strcmp(ts_node_type(node), type) == 0; }

bool is_function_node(TSNode node) {
  const char* t = ts_node_type(node);
  return !std::strcmp(t, "function_declaration") || !std::strcmp(t, "generator_function_declaration") ||
         !std::strcmp(t, "function_expression") || !std::strcmp(t, "function") ||
         !std::strcmp(t, "arrow_function") || !std::strcmp(t, "method_definition") ||
         !std::strcmp(t, "generator_function");
}

// Wrappers that do not change the value of an expression.
bool is_transparent(TSNode node) {
  const char* t = ts_node_type(node);
  return !std::strcmp(t, "parenthesized_expression") || !std::strcmp(t, "non_null_expression") ||
         !std::strcmp(t, "as_expression") || !std::strcmp(t, "satisfies_expression") ||
         !std::strcmp(t, "type_assertion") || !std::strcmp(t, "await_expression");
}

class Extractor {
 public:
  Extractor(const std::string& path, const SourceText& source) : source_(source.content()) {
    facts_.path = path;
    facts_.language = std::string(language_name_for_path(path));
  }

  FileFacts run() {
    std::unique_ptr<TSParser, decltype(&ts_parser_delete)> parser(ts_parser_new(), ts_parser_delete);
    ts_parser_set_language(parser.get(), language_for_path(facts_.path));
    std::unique_ptr<TSTree, decltype(&ts_tree_delete)> tree(
        ts_parser_parse_string(parser.get(), nullptr, source_.data(), static_cast<std::uint32_t>(source_.size())),
        ts_tree_delete);
    if (!tree) {
      facts_.notices.push_back({facts_.path, "not analysed: the parser gave up on this file"});
      return std::move(facts_);
    }
    TSNode root = ts_tree_root_node(tree.get());
    if (ts_node_has_error(root)) {
      TSNode err = first_error(root);
      std::string where = ts_node_is_null(err) ? "" : " (first at line " + std::to_string(ts_node_start_point(err).row + 1) + ")";
      facts_.notices.push_back({facts_.path, "syntax errors" + where + "; analysed what the parser recovered"});
    }
    push_scope();
    hoist(root);
    visit_children(root, 0);
    pop_scope();
    if (depth_exceeded_)
      facts_.notices.push_back({facts_.path, "nesting deeper than " + std::to_string(kMaxDepth) +
                                                 " levels was not analysed"});
    return std::move(facts_);
  }

 private:
  struct Scope {
    std::unordered_map<std::string, SymbolId> names;
  };

  // ---- small helpers ----------------------------------------------------------------------------------------
  std::string_view text(TSNode node) const {
    return std::string_view(source_).substr(ts_node_start_byte(node), ts_node_end_byte(node) - ts_node_start_byte(node));
  }
  static TSNode field(TSNode node, const char* name) {
    return ts_node_child_by_field_name(node, name, static_cast<std::uint32_t>(std::strlen(name)));
  }
  static Span span_of(TSPoint start, TSPoint end) {
    return Span{start.row + 1, start.column + 1, end.row + 1, end.column + 1};
  }
  static Span span(TSNode node) { return span_of(ts_node_start_point(node), ts_node_end_point(node)); }

  TSNode first_error(TSNode node) const {
    if (is(node, "ERROR") || ts_node_is_missing(node)) return node;
    std::uint32_t n = ts_node_child_count(node);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode child = ts_node_child(node, i);
      if (ts_node_has_error(child)) {
        TSNode found = first_error(child);
        if (!ts_node_is_null(found)) return found;
      }
    }
    return TSNode{};
  }

  TSNode unwrap(TSNode node) const {
    while (!ts_node_is_null(node) && is_transparent(node)) {
      TSNode inner = is(node, "await_expression") || is(node, "parenthesized_expression")
                         ? ts_node_named_child(node, 0)
                         : (is(node, "type_assertion") ? ts_node_named_child(node, 1) : ts_node_named_child(node, 0));
      if (ts_node_is_null(inner)) break;
      node = inner;
    }
    return node;
  }

  // ---- scopes and symbols -----------------------------------------------------------------------------------
  void push_scope() { scopes_.emplace_back(); }
  void pop_scope() { scopes_.pop_back(); }

  SymbolId resolve(std::string_view name) const {
    std::string key(name);
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      auto found = it->names.find(key);
      if (found != it->names.end()) return found->second;
    }
    return kNone;
  }

  // Declares `name_node` in the current scope, reusing the symbol made when the scope was hoisted.
  SymbolId declare(TSNode name_node, SymbolKind kind) {
    auto hoisted = hoisted_.find(ts_node_start_byte(name_node));
    if (hoisted != hoisted_.end()) return hoisted->second;
    facts::Symbol sym;
    sym.name = std::string(text(name_node));
    sym.kind = kind;
    sym.function = function_;
    sym.span = span(name_node);
    SymbolId id = static_cast<SymbolId>(facts_.symbols.size());
    facts_.symbols.push_back(std::move(sym));
    scopes_.back().names[std::string(text(name_node))] = id;
    hoisted_[ts_node_start_byte(name_node)] = id;
    return id;
  }

  // Declares every identifier a binding pattern introduces.
  void declare_pattern(TSNode pattern, SymbolKind kind, std::vector<SymbolId>* out = nullptr) {
    if (ts_node_is_null(pattern)) return;
    const char* t = ts_node_type(pattern);
    if (!std::strcmp(t, "identifier") || !std::strcmp(t, "shorthand_property_identifier_pattern")) {
      SymbolId id = declare(pattern, kind);
      if (out) out->push_back(id);
      return;
    }
    std::uint32_t n = ts_node_named_child_count(pattern);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode child = ts_node_named_child(pattern, i);
      if (is(child, "pair_pattern")) declare_pattern(field(child, "value"), kind, out);
      else if (is(child, "assignment_pattern") || is(child, "object_assignment_pattern"))
        declare_pattern(field(child, "left"), kind, out);
      else if (is(child, "rest_pattern")) declare_pattern(ts_node_named_child(child, 0), kind, out);
      else if (is(child, "identifier") || is(child, "shorthand_property_identifier_pattern") ||
               is(child, "object_pattern") || is(child, "array_pattern"))
        declare_pattern(child, kind, out);
    }
  }

  // Makes the declarations of a scope's direct statements visible before they run, as JS hoisting does for
  // functions and as forward references from functions need for `const`/`let`.
  void hoist(TSNode scope_node) {
    std::uint32_t n = ts_node_named_child_count(scope_node);
    for (std::uint32_t i = 0; i < n; ++i) hoist_statement(ts_node_named_child(scope_node, i));
  }

  void hoist_statement(TSNode stmt) {
    if (is(stmt, "export_statement")) {
      TSNode decl = field(stmt, "declaration");
      if (!ts_node_is_null(decl)) hoist_statement(decl);
      return;
    }
    if (is(stmt, "function_declaration") || is(stmt, "generator_function_declaration")) {
      declare(field(stmt, "name"), SymbolKind::Function);
    } else if (is(stmt, "class_declaration") || is(stmt, "abstract_class_declaration")) {
      declare(field(stmt, "name"), SymbolKind::Class);
    } else if (is(stmt, "lexical_declaration") || is(stmt, "variable_declaration")) {
      std::uint32_t n = ts_node_named_child_count(stmt);
      for (std::uint32_t i = 0; i < n; ++i) {
        TSNode d = ts_node_named_child(stmt, i);
        if (is(d, "variable_declarator")) declare_pattern(field(d, "name"), SymbolKind::Variable);
      }
    } else if (is(stmt, "import_statement")) {
      hoist_import(stmt);
    }
  }

  static std::string unquote(std::string_view s) {
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'' || s.front() == '`')) return std::string(s.substr(1, s.size() - 2));
    return std::string(s);
  }

  void hoist_import(TSNode stmt) {
    TSNode source = field(stmt, "source");
    if (ts_node_is_null(source)) return;
    std::string spec = unquote(text(source));
    std::uint32_t n = ts_node_named_child_count(stmt);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode clause = ts_node_named_child(stmt, i);
      if (!is(clause, "import_clause")) continue;
      std::uint32_t m = ts_node_named_child_count(clause);
      for (std::uint32_t j = 0; j < m; ++j) {
        TSNode part = ts_node_named_child(clause, j);
        if (is(part, "identifier")) {
          add_import(part, spec, "default");
        } else if (is(part, "namespace_import")) {
          TSNode id = ts_node_named_child(part, 0);
          if (!ts_node_is_null(id)) add_import(id, spec, "*");
        } else if (is(part, "named_imports")) {
          std::uint32_t k = ts_node_named_child_count(part);
          for (std::uint32_t s = 0; s < k; ++s) {
            TSNode spec_node = ts_node_named_child(part, s);
            if (!is(spec_node, "import_specifier")) continue;
            TSNode name = field(spec_node, "name");
            TSNode alias = field(spec_node, "alias");
            add_import(ts_node_is_null(alias) ? name : alias, spec, unquote(text(name)));
          }
        }
      }
    }
  }

  void add_import(TSNode local, const std::string& source, const std::string& imported) {
    SymbolId id = declare(local, SymbolKind::Import);
    facts_.symbols[id].import_source = source;
    facts_.symbols[id].import_name = imported;
  }

  // ---- values -----------------------------------------------------------------------------------------------
  // The access path an expression denotes (see ValueRef). Unknown shapes give an empty ValueRef.
  ValueRef evaluate(TSNode node) const {
    ValueRef ref;
    node = unwrap(node);
    if (ts_node_is_null(node)) return ref;
    const char* t = ts_node_type(node);
    if (!std::strcmp(t, "identifier")) {
      ref.symbol = resolve(text(node));
      if (ref.symbol == kNone) ref.global = std::string(text(node));
    } else if (!std::strcmp(t, "this")) {
      ref.global = "this";
    } else if (!std::strcmp(t, "member_expression")) {
      ref = evaluate(field(node, "object"));
      if (ref.known()) ref.steps.emplace_back(text(field(node, "property")));
    } else if (!std::strcmp(t, "subscript_expression")) {
      ref = evaluate(field(node, "object"));
      TSNode index = unwrap(field(node, "index"));
      if (ref.known())
        ref.steps.push_back(is(index, "string") ? unquote(text(index)) : std::string(ValueRef::kComputed));
    } else if (!std::strcmp(t, "call_expression")) {
      ref = evaluate(field(node, "function"));
      if (ref.known()) ref.steps.emplace_back(ValueRef::kCall);
    } else if (!std::strcmp(t, "new_expression")) {
      ref = evaluate(field(node, "constructor"));
      if (ref.known()) ref.steps.emplace_back(ValueRef::kNew);
    }
    return ref;
  }

  // The values an initializer may produce: `a ?? b`, `a || b`, `c ? a : b` and `(x = a)` give several.
  void alternatives(TSNode node, std::vector<ValueRef>& out) const {
    node = unwrap(node);
    if (ts_node_is_null(node)) return;
    if (is(node, "binary_expression")) {
      TSNode op = field(node, "operator");
      std::string_view o = ts_node_is_null(op) ? std::string_view() : text(op);
      if (o == "??" || o == "||") {
        alternatives(field(node, "left"), out);
        alternatives(field(node, "right"), out);
        return;
      }
      if (o == "&&") {
        alternatives(field(node, "right"), out);
        return;
      }
    }
    if (is(node, "ternary_expression")) {
      alternatives(field(node, "consequence"), out);
      alternatives(field(node, "alternative"), out);
      return;
    }
    if (is(node, "assignment_expression") || is(node, "augmented_assignment_expression")) {
      alternatives(field(node, "right"), out);
      return;
    }
    ValueRef v = evaluate(node);
    if (v.known()) out.push_back(std::move(v));
  }

  // ---- functions and loops ----------------------------------------------------------------------------------
  std::string inferred_name(TSNode fn) const {
    TSNode name = field(fn, "name");
    if (!ts_node_is_null(name)) return std::string(text(name));
    TSNode parent = ts_node_parent(fn);
    while (!ts_node_is_null(parent) && is_transparent(parent)) parent = ts_node_parent(parent);
    if (is(parent, "variable_declarator")) return std::string(text(field(parent, "name")));
    if (is(parent, "pair")) return unquote(text(field(parent, "key")));
    if (is(parent, "assignment_expression")) {
      TSNode left = field(parent, "left");
      if (is(left, "member_expression")) return std::string(text(field(left, "property")));
      return std::string(text(left));
    }
    if (is(parent, "public_field_definition") || is(parent, "field_definition"))
      return std::string(text(field(parent, "name")));
    return {};
  }

  FunctionId begin_function(TSNode fn) {
    facts::Function f;
    f.name = inferred_name(fn);
    f.parent = function_;
    f.span = span(fn);
    std::uint32_t n = ts_node_child_count(fn);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_child(fn, i);
      if (!ts_node_is_named(c) && text(c) == "async") f.is_async = true;
    }
    FunctionId id = static_cast<FunctionId>(facts_.functions.size());
    facts_.functions.push_back(std::move(f));
    return id;
  }

  // Visits a function's parameters and body in a fresh scope. `loop` is the iteration context the body runs in
  // (an array callback's own loop) or kNone for a function that runs when someone calls it.
  void visit_function(TSNode fn, LoopId loop, int depth) {
    FunctionId id = begin_function(fn);
    if (is(fn, "function_declaration") || is(fn, "generator_function_declaration")) {
      SymbolId sym = resolve(text(field(fn, "name")));
      if (sym != kNone) facts_.symbols[sym].body = id;
    }
    FunctionId saved_function = function_;
    LoopId saved_loop = loop_;
    function_ = id;
    loop_ = loop;
    if (loop != kNone) facts_.loops[loop].function = id;
    push_scope();
    TSNode params = field(fn, "parameters");
    if (ts_node_is_null(params)) params = field(fn, "parameter");  // `x => ...`
    declare_parameters(params);
    TSNode body = field(fn, "body");
    if (!ts_node_is_null(body)) {
      if (is(body, "statement_block")) {
        hoist(body);
        visit_children(body, depth + 1);
      } else {
        visit(body, depth + 1);
      }
    }
    pop_scope();
    function_ = saved_function;
    loop_ = saved_loop;
  }

  void declare_parameters(TSNode params) {
    if (ts_node_is_null(params)) return;
    if (is(params, "identifier")) {
      declare(params, SymbolKind::Parameter);
      return;
    }
    std::uint32_t n = ts_node_named_child_count(params);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode p = ts_node_named_child(params, i);
      TSNode pattern = p;
      std::string type;
      if (is(p, "required_parameter") || is(p, "optional_parameter")) {
        pattern = field(p, "pattern");
        TSNode t = field(p, "type");
        if (!ts_node_is_null(t) && ts_node_named_child_count(t) > 0) type = std::string(text(ts_node_named_child(t, 0)));
      } else if (is(p, "assignment_pattern")) {
        pattern = field(p, "left");
      }
      std::vector<SymbolId> ids;
      declare_pattern(pattern, SymbolKind::Parameter, &ids);
      if (ids.size() == 1 && is(pattern, "identifier")) facts_.symbols[ids[0]].type_annotation = type;
    }
  }

  LoopId begin_loop(LoopKind kind, Span header, std::string method = {}) {
    facts::Loop loop;
    loop.kind = kind;
    loop.header = header;
    loop.method = std::move(method);
    loop.function = function_;
    loop.parent = loop_;
    LoopId id = static_cast<LoopId>(facts_.loops.size());
    facts_.loops.push_back(std::move(loop));
    return id;
  }

  // The head of a loop statement: from its keyword to the end of the parenthesised part.
  Span loop_header(TSNode stmt, TSNode body) const {
    TSPoint start = ts_node_start_point(stmt);
    TSPoint end = ts_node_is_null(body) ? ts_node_end_point(stmt) : ts_node_start_point(body);
    Span s = span_of(start, end);
    // Trim the whitespace between `)` and the body.
    std::uint32_t end_byte = ts_node_is_null(body) ? ts_node_end_byte(stmt) : ts_node_start_byte(body);
    while (end_byte > ts_node_start_byte(stmt) && (source_[end_byte - 1] == ' ' || source_[end_byte - 1] == '\t'))
      --end_byte, --s.end_column;
    return s;
  }

  bool is_small_literal_array(TSNode node) const {
    node = unwrap(node);
    if (!is(node, "array")) return false;
    std::uint32_t n = ts_node_named_child_count(node);
    if (n > kSmallLiteralSet) return false;
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode e = ts_node_named_child(node, i);
      if (!is(e, "string") && !is(e, "number") && !is(e, "true") && !is(e, "false")) return false;
    }
    return true;
  }

  void visit_loop_body(LoopId loop, TSNode body, int depth) {
    LoopId saved = loop_;
    loop_ = loop;
    visit(body, depth + 1);
    loop_ = saved;
  }

  // ---- calls ------------------------------------------------------------------------------------------------
  bool is_awaited(TSNode call) const {
    TSNode parent = ts_node_parent(call);
    while (!ts_node_is_null(parent) && (is(parent, "parenthesized_expression") || is(parent, "non_null_expression") ||
                                        is(parent, "as_expression")))
      parent = ts_node_parent(parent);
    return is(parent, "await_expression");
  }

  // Is `call` an argument of Promise.all/allSettled/any/race(...)?
  bool in_promise_combinator(TSNode call) const {
    TSNode args = ts_node_parent(call);
    if (!is(args, "arguments")) return false;
    TSNode outer = ts_node_parent(args);
    if (!is(outer, "call_expression")) return false;
    TSNode callee = unwrap(field(outer, "function"));
    if (!is(callee, "member_expression")) return false;
    TSNode object = unwrap(field(callee, "object"));
    return is(object, "identifier") && text(object) == "Promise" &&
           contains(kPromiseCombinators, text(field(callee, "property")));
  }

  void record_call(TSNode call, TSNode callee, bool construct, bool tagged) {
    facts::Call c;
    c.span = span(call);
    c.callee_span = span(callee);
    c.callee = evaluate(callee);
    c.function = function_;
    c.loop = loop_;
    c.awaited = is_awaited(call);
    c.tagged_template = tagged;
    c.construct = construct;
    facts_.calls.push_back(std::move(c));
  }

  void visit_call(TSNode call, int depth) {
    TSNode callee = field(call, "function");
    TSNode args = field(call, "arguments");
    bool tagged = is(args, "template_string");
    record_call(call, callee, false, tagged);

    // Which argument, if any, is a callback run once per element?
    TSNode unwrapped = unwrap(callee);
    std::string method;
    int callback_index = -1;
    if (is(unwrapped, "member_expression")) {
      std::string_view prop = text(field(unwrapped, "property"));
      TSNode object = unwrap(field(unwrapped, "object"));
      if (contains(kIteratingMethods, prop)) {
        method = std::string(prop);
        callback_index = 0;
      } else if (prop == "from" && is(object, "identifier") && text(object) == "Array") {
        method = "Array.from";
        callback_index = 1;
      }
    }

    visit(callee, depth + 1);
    if (ts_node_is_null(args) || tagged) {
      if (!ts_node_is_null(args)) visit(args, depth + 1);
      return;
    }
    std::uint32_t n = ts_node_named_child_count(args);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode arg = ts_node_named_child(args, i);
      TSNode fn = unwrap(arg);
      if (static_cast<int>(i) == callback_index && is_function_node(fn)) {
        LoopId loop = begin_loop(LoopKind::ArrayCallback, span(call), method);
        facts_.loops[loop].in_promise_combinator = in_promise_combinator(call);
        if (method == "Array.from") facts_.loops[loop].literal_iterable = is_small_literal_array(ts_node_named_child(args, 0));
        else facts_.loops[loop].literal_iterable = is_small_literal_array(field(unwrapped, "object"));
        visit_function(fn, loop, depth + 1);
      } else {
        visit(arg, depth + 1);
      }
    }
  }

  // ---- declarations -----------------------------------------------------------------------------------------
  void visit_declarator(TSNode decl, int depth) {
    TSNode name = field(decl, "name");
    TSNode value = field(decl, "value");
    if (!ts_node_is_null(value)) visit(value, depth + 1);
    if (is(name, "identifier")) {
      SymbolId id = declare(name, SymbolKind::Variable);
      if (!ts_node_is_null(value)) alternatives(value, facts_.symbols[id].values);
      TSNode type = field(decl, "type");
      if (!ts_node_is_null(type) && ts_node_named_child_count(type) > 0)
        facts_.symbols[id].type_annotation = std::string(text(ts_node_named_child(type, 0)));
      return;
    }
    if (is(name, "object_pattern")) {
      // `const { user, post: posts } = prisma` reads properties of the value.
      std::vector<ValueRef> source;
      if (!ts_node_is_null(value)) alternatives(value, source);
      std::uint32_t n = ts_node_named_child_count(name);
      for (std::uint32_t i = 0; i < n; ++i) {
        TSNode p = ts_node_named_child(name, i);
        TSNode target, key;
        if (is(p, "shorthand_property_identifier_pattern")) target = key = p;
        else if (is(p, "pair_pattern")) { key = field(p, "key"); target = field(p, "value"); }
        else if (is(p, "object_assignment_pattern")) { target = key = field(p, "left"); }
        else { declare_pattern(p, SymbolKind::Variable); continue; }
        if (!is(target, "identifier") && !is(target, "shorthand_property_identifier_pattern")) {
          declare_pattern(target, SymbolKind::Variable);
          continue;
        }
        SymbolId id = declare(target, SymbolKind::Variable);
        facts_.symbols[id].destructured_from = unquote(text(key));
        for (ValueRef v : source) {
          v.steps.push_back(unquote(text(key)));
          facts_.symbols[id].values.push_back(std::move(v));
        }
      }
      return;
    }
    declare_pattern(name, SymbolKind::Variable);
  }

  void visit_assignment(TSNode node, int depth) {
    TSNode left = unwrap(field(node, "left"));
    TSNode right = field(node, "right");
    visit(right, depth + 1);
    if (is(left, "identifier")) {
      SymbolId id = resolve(text(left));
      if (id != kNone) alternatives(right, facts_.symbols[id].values);
    } else {
      visit(left, depth + 1);
    }
  }

  void visit_export(TSNode node, int depth) {
    TSNode decl = field(node, "declaration");
    TSNode source = field(node, "source");
    bool is_default = false;
    std::uint32_t n = ts_node_child_count(node);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_child(node, i);
      if (!ts_node_is_named(c) && text(c) == "default") is_default = true;
    }
    if (!ts_node_is_null(decl)) {
      visit(decl, depth + 1);
      export_declaration(decl, is_default);
      return;
    }
    std::string from = ts_node_is_null(source) ? std::string() : unquote(text(source));
    TSNode value = field(node, "value");
    if (is_default && !ts_node_is_null(value)) {
      visit(value, depth + 1);
      facts::Export e;
      e.name = "default";
      TSNode v = unwrap(value);
      if (is(v, "identifier") && resolve(text(v)) != kNone) e.symbol = resolve(text(v));
      else e.value = evaluate(value);
      facts_.exports.push_back(std::move(e));
      return;
    }
    bool had_clause = false;
    for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
      TSNode c = ts_node_named_child(node, i);
      if (is(c, "export_clause")) {
        had_clause = true;
        for (std::uint32_t j = 0; j < ts_node_named_child_count(c); ++j) {
          TSNode s = ts_node_named_child(c, j);
          if (!is(s, "export_specifier")) continue;
          TSNode name = field(s, "name");
          TSNode alias = field(s, "alias");
          facts::Export e;
          e.name = unquote(text(ts_node_is_null(alias) ? name : alias));
          if (from.empty()) {
            e.symbol = resolve(text(name));
            if (e.symbol != kNone) facts_.symbols[e.symbol].exported = true;
          } else {
            e.from_source = from;
            e.from_name = unquote(text(name));
          }
          facts_.exports.push_back(std::move(e));
        }
      } else if (is(c, "namespace_export") && !from.empty()) {
        had_clause = true;
        facts::Export e;
        e.name = std::string(text(ts_node_named_child(c, 0)));
        e.from_source = from;
        e.from_name = "*";
        facts_.exports.push_back(std::move(e));
      }
    }
    if (!had_clause && !from.empty()) {  // export * from './m'
      facts::Export e;
      e.name = "*";
      e.from_source = from;
      e.from_name = "*";
      facts_.exports.push_back(std::move(e));
    }
  }

  void export_declaration(TSNode decl, bool is_default) {
    auto add = [&](TSNode name_node, const std::string& exported_as) {
      SymbolId id = resolve(text(name_node));
      if (id == kNone) return;
      facts_.symbols[id].exported = true;
      facts::Export e;
      e.name = exported_as;
      e.symbol = id;
      facts_.exports.push_back(std::move(e));
    };
    if (is(decl, "lexical_declaration") || is(decl, "variable_declaration")) {
      for (std::uint32_t i = 0; i < ts_node_named_child_count(decl); ++i) {
        TSNode d = ts_node_named_child(decl, i);
        if (is(d, "variable_declarator") && is(field(d, "name"), "identifier"))
          add(field(d, "name"), std::string(text(field(d, "name"))));
      }
      return;
    }
    TSNode name = field(decl, "name");
    if (!ts_node_is_null(name)) add(name, is_default ? "default" : std::string(text(name)));
  }

  // ---- the walk ---------------------------------------------------------------------------------------------
  void visit_children(TSNode node, int depth) {
    std::uint32_t n = ts_node_named_child_count(node);
    for (std::uint32_t i = 0; i < n; ++i) visit(ts_node_named_child(node, i), depth);
  }

  void visit(TSNode node, int depth) {
    if (ts_node_is_null(node)) return;
    if (depth > kMaxDepth) {
      depth_exceeded_ = true;
      return;
    }
    const char* t = ts_node_type(node);
    if (!std::strcmp(t, "comment") || !std::strcmp(t, "import_statement") || !std::strcmp(t, "string") ||
        !std::strcmp(t, "type_annotation") || !std::strcmp(t, "type_alias_declaration") ||
        !std::strcmp(t, "interface_declaration"))
      return;
    if (is_function_node(node)) {
      visit_function(node, kNone, depth);
      return;
    }
    if (!std::strcmp(t, "statement_block") || !std::strcmp(t, "class_body")) {
      push_scope();
      hoist(node);
      visit_children(node, depth + 1);
      pop_scope();
      return;
    }
    if (!std::strcmp(t, "call_expression")) {
      visit_call(node, depth);
      return;
    }
    if (!std::strcmp(t, "new_expression")) {
      record_call(node, field(node, "constructor"), true, false);
      visit_children(node, depth + 1);
      return;
    }
    if (!std::strcmp(t, "variable_declarator")) {
      visit_declarator(node, depth);
      return;
    }
    if (!std::strcmp(t, "assignment_expression")) {
      visit_assignment(node, depth);
      return;
    }
    if (!std::strcmp(t, "export_statement")) {
      visit_export(node, depth);
      return;
    }
    if (!std::strcmp(t, "class_declaration") || !std::strcmp(t, "abstract_class_declaration")) {
      declare(field(node, "name"), SymbolKind::Class);
      visit(field(node, "body"), depth + 1);
      return;
    }
    if (!std::strcmp(t, "for_statement")) {
      push_scope();
      TSNode body = field(node, "body");
      visit(field(node, "initializer"), depth + 1);
      LoopId loop = begin_loop(LoopKind::For, loop_header(node, body));
      LoopId saved = loop_;
      loop_ = loop;
      visit(field(node, "condition"), depth + 1);
      visit(field(node, "increment"), depth + 1);
      loop_ = saved;
      visit_loop_body(loop, body, depth);
      pop_scope();
      return;
    }
    if (!std::strcmp(t, "for_in_statement")) {
      LoopKind kind = LoopKind::ForIn;
      for (std::uint32_t i = 0; i < ts_node_child_count(node); ++i) {
        TSNode c = ts_node_child(node, i);
        if (ts_node_is_named(c)) continue;
        std::string_view kw = text(c);
        if (kw == "of" && kind != LoopKind::ForAwait) kind = LoopKind::ForOf;
        if (kw == "await") kind = LoopKind::ForAwait;
      }
      TSNode right = field(node, "right");
      TSNode body = field(node, "body");
      visit(right, depth + 1);
      push_scope();
      declare_pattern(field(node, "left"), SymbolKind::Variable);
      LoopId loop = begin_loop(kind, loop_header(node, body));
      facts_.loops[loop].literal_iterable = is_small_literal_array(right);
      visit_loop_body(loop, body, depth);
      pop_scope();
      return;
    }
    if (!std::strcmp(t, "while_statement") || !std::strcmp(t, "do_statement")) {
      bool is_do = !std::strcmp(t, "do_statement");
      TSNode body = field(node, "body");
      Span header = is_do ? span_of(ts_node_start_point(node), ts_node_start_point(node)) : loop_header(node, body);
      if (is_do) header.end_column += 2;  // `do`
      LoopId loop = begin_loop(is_do ? LoopKind::DoWhile : LoopKind::While, header);
      visit_loop_body(loop, field(node, "condition"), depth);
      visit_loop_body(loop, body, depth);
      return;
    }
    visit_children(node, depth + 1);
  }

  std::string_view source_;
  FileFacts facts_;
  std::vector<Scope> scopes_;
  std::unordered_map<std::uint32_t, SymbolId> hoisted_;  // name node start byte -> symbol
  FunctionId function_ = kNone;
  LoopId loop_ = kNone;
  bool depth_exceeded_ = false;
};

}  // namespace

facts::FileFacts extract_facts(const std::string& relative_path, const SourceText& source) {
  return Extractor(relative_path, source).run();
}

}  // namespace connlint::ts
