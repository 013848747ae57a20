// The TS/JS front end: one walk over the tree-sitter tree of a file, with a scope chain, that records the file's
// FileFacts (symbols and the values they may hold, exports, functions and how they are used, classes, loops,
// calls with their arguments and try/catch/finally context). Everything library-specific happens later, in the
// project index, so the facts depend on the file alone.
#include "ts/extractor.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <unordered_map>

#include "config/connection_url.h"
#include "ts/language.h"
#include "ts/node_util.h"
#include "ts/tolerant_allocator.h"

namespace connlint::ts {

using facts::CallId;
using facts::ClassId;
using facts::FileFacts;
using facts::FunctionId;
using facts::FunctionRole;
using facts::kNone;
using facts::LoopId;
using facts::LoopKind;
using facts::Span;
using facts::SymbolId;
using facts::SymbolKind;
using facts::ValueRef;

namespace {

// Array methods whose callback runs once per element.
constexpr std::string_view kIteratingMethods[] = {"map",  "forEach", "flatMap",   "filter",   "reduce",
                                                  "reduceRight", "some", "every", "find", "findIndex",
                                                  "findLast", "findLastIndex"};
constexpr std::string_view kPromiseCombinators[] = {"all", "allSettled", "any", "race"};
// Deeper trees than this are not walked further (a notice says so); it keeps the recursive walk off the stack limit.
constexpr int kMaxDepth = 1500;
// A literal array with at most this many elements is a small fixed set, not data-driven iteration.
constexpr std::uint32_t kSmallLiteralSet = 5;
// `for (let i = 0; i < N; i++)` with N at most this is a bounded retry or a fixed set.
constexpr double kSmallLoopBound = 10;

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view value) {
  for (auto v : list)
    if (v == value) return true;
  return false;
}

// Every node type visit() treats specially (it compares the type with each of these). Any other node only has its
// children visited, which visit() decides with one table lookup instead of some forty strcmp calls; most nodes
// (identifiers, member expressions, statements) are of that kind.
constexpr const char* kVisitedTypes[] = {
    "abstract_class_declaration", "arguments", "array", "assignment_expression", "augmented_assignment_expression",
    "await_expression", "binary_expression", "break_statement", "call_expression", "class", "class_declaration",
    "comment", "do_statement", "export_statement", "for_in_statement", "for_statement", "hash_bang_line",
    "if_statement", "import_statement", "interface_declaration", "new_expression", "object", "pair",
    "return_statement", "statement_block", "string", "template_string", "try_statement", "type_alias_declaration",
    "type_annotation", "variable_declarator", "while_statement",
    // is_function_node
    "function_declaration", "generator_function_declaration", "function_expression", "function", "arrow_function",
    "method_definition", "generator_function"};

class Extractor {
 public:
  // `budget`: how long parsing and the walk may take together (zero: no limit).
  Extractor(const std::string& path, const SourceText& source, std::chrono::microseconds budget = {})
      : source_(source.content()), budget_(budget) {
    facts_.path = path;
    facts_.language = std::string(language_name_for_path(path));
  }

  FileFacts run() {
    install_tolerant_allocator();
    std::unique_ptr<TSParser, decltype(&ts_parser_delete)> parser(ts_parser_new(), ts_parser_delete);
    const TSLanguage* language = language_for_path(facts_.path);
    ts_parser_set_language(parser.get(), language);
    visited_types_ = &symbols_named(language, kVisitedTypes, std::size(kVisitedTypes));
    if (budget_.count() > 0) {
      deadline_ = std::chrono::steady_clock::now() + budget_;
      ts_parser_set_timeout_micros(parser.get(), static_cast<std::uint64_t>(budget_.count()));
    }
    std::unique_ptr<TSTree, decltype(&ts_tree_delete)> tree(
        ts_parser_parse_string(parser.get(), nullptr, source_.data(), static_cast<std::uint32_t>(source_.size())),
        ts_tree_delete);
    if (!tree) {  // with a language set, tree-sitter gives up only when the timeout fires
      if (budget_.count() > 0) over_budget_ = Stage::Parse;
      else facts_.notices.push_back({facts_.path, "not analysed: the parser gave up on this file"});
      return std::move(facts_);
    }
    TSNode root = ts_tree_root_node(tree.get());
    if (ts_node_has_error(root)) {
      TSNode err = first_error(root);
      std::string where =
          ts_node_is_null(err) ? "" : " (first at line " + std::to_string(ts_node_start_point(err).row + 1) + ")";
      facts_.notices.push_back({facts_.path, "syntax errors" + where + "; analysed what the parser recovered"});
    }
    facts_.shebang = source_.size() >= 2 && source_[0] == '#' && source_[1] == '!';
    push_scope();
    hoist(root);
    visit_children(root, 0);
    pop_scope();
    if (depth_exceeded_)
      facts_.notices.push_back(
          {facts_.path, "nesting deeper than " + std::to_string(kMaxDepth) + " levels was not analysed"});
    for (SymbolId id : escaped_) facts_.symbols[id].escapes = true;
    return std::move(facts_);
  }

  enum class Stage { None, Parse, Walk };
  // Where the budget ran out (after run()); the facts are then incomplete and must not be used.
  Stage over_budget() const { return over_budget_; }

 private:
  struct Scope {
    std::unordered_map<std::string, SymbolId> names;
  };
  const std::vector<bool>* visited_types_ = nullptr;  // symbols_named(kVisitedTypes) for this file's language
  // The nodes visit() is inside, outermost first. Each is usually a child of the one before it, but not always
  // (visit_arguments visits an argument from its call, skipping the `arguments` node), so parent_of checks.
  std::vector<TSNode> path_;

  // The parent of `node`. tree-sitter 0.20's ts_node_parent walks down from the root every time (7% of a cold run);
  // the walk's path has the parent of the nodes it is on, which is checked by finding `node` among its children.
  TSNode parent_of(TSNode node) const {
    constexpr std::size_t kLevels = 8;
    for (std::size_t i = path_.size(); i > 1 && path_.size() - i < kLevels; --i) {
      if (!ts_node_eq(path_[i - 1], node)) continue;
      TSNode candidate = path_[i - 2];
      bool child = false;
      if (ts_node_child_count(candidate) <= 64)
        for_each_child(candidate, [&](TSNode c) { child = child || ts_node_eq(c, node); });
      if (child) return candidate;
      break;
    }
    return ts_node_parent(node);
  }

  // Where the walk is inside try statements of the current function.
  struct TryContext {
    bool in_try = false, in_catch = false, in_finally = false;
  };

  // ---- small helpers ----------------------------------------------------------------------------------------
  std::string_view text(TSNode node) const {
    if (ts_node_is_null(node)) return {};
    return std::string_view(source_).substr(ts_node_start_byte(node),
                                            ts_node_end_byte(node) - ts_node_start_byte(node));
  }

  TSNode first_error(TSNode node, int depth = 0) const {
    if (is(node, "ERROR") || ts_node_is_missing(node)) return node;
    if (depth > kMaxDepth) return TSNode{};
    TSNode found{};
    for_each_child(node, [&](TSNode child) {
      if (ts_node_is_null(found) && ts_node_has_error(child)) found = first_error(child, depth + 1);
    });
    return found;
  }

  static TSNode unwrap(TSNode node) {
    while (!ts_node_is_null(node) && is_transparent(node)) {
      TSNode inner = is(node, "type_assertion") ? ts_node_named_child(node, 1) : ts_node_named_child(node, 0);
      if (ts_node_is_null(inner)) break;
      node = inner;
    }
    return node;
  }

  bool has_keyword(TSNode node, std::string_view keyword) const {
    std::uint32_t n = ts_node_child_count(node);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_child(node, i);
      if (!ts_node_is_named(c) && text(c) == keyword) return true;
    }
    return false;
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
  void declare_pattern(TSNode pattern, SymbolKind kind, facts::FactList<SymbolId>* out = nullptr, int depth = 0) {
    if (ts_node_is_null(pattern) || depth > kMaxDepth) return;
    if (is(pattern, "identifier") || is(pattern, "shorthand_property_identifier_pattern")) {
      SymbolId id = declare(pattern, kind);
      if (out) out->push_back(id);
      return;
    }
    std::uint32_t n = ts_node_named_child_count(pattern);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode child = ts_node_named_child(pattern, i);
      if (is(child, "pair_pattern")) declare_pattern(field(child, "value"), kind, out, depth + 1);
      else if (is(child, "assignment_pattern") || is(child, "object_assignment_pattern"))
        declare_pattern(field(child, "left"), kind, out, depth + 1);
      else if (is(child, "rest_pattern")) declare_pattern(ts_node_named_child(child, 0), kind, out, depth + 1);
      else if (is(child, "identifier") || is(child, "shorthand_property_identifier_pattern") ||
               is(child, "object_pattern") || is(child, "array_pattern"))
        declare_pattern(child, kind, out, depth + 1);
    }
  }

  // Makes the declarations of a scope's direct statements visible before they run, as JS hoisting does for
  // functions and as forward references from functions need for `const`/`let`.
  void hoist(TSNode scope_node) {
    for_each_named_child(scope_node, [&](TSNode stmt) { hoist_statement(stmt); });
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

  void hoist_import(TSNode stmt) {
    TSNode source = field(stmt, "source");
    if (ts_node_is_null(source)) return;
    std::string spec = unquote(text(source));
    std::uint32_t n = ts_node_named_child_count(stmt);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode clause = ts_node_named_child(stmt, i);
      if (is(clause, "import_require_clause")) {  // import x = require('m')
        TSNode id = ts_node_named_child(clause, 0);
        if (is(id, "identifier")) add_import(id, spec, "=require");
        continue;
      }
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
  // `require('m')` and `import('m')`: the module specifier, or "" when `call` is neither.
  std::string required_module(TSNode call) const {
    TSNode fn = field(call, "function");
    TSNode args = field(call, "arguments");
    if (!is(args, "arguments") || ts_node_named_child_count(args) != 1) return {};
    TSNode arg = ts_node_named_child(args, 0);
    if (!is(arg, "string")) return {};
    if ((is(fn, "identifier") && text(fn) == "require" && resolve("require") == kNone) || is(fn, "import"))
      return unquote(text(arg));
    return {};
  }

  // The access path an expression denotes (see ValueRef). Unknown shapes give an empty ValueRef.
  // `depth` bounds the recursion: `a.b.b.b...` 100,000 times must not overflow the stack.
  ValueRef evaluate(TSNode node, int depth = 0) const {
    ValueRef ref;
    node = unwrap(node);
    if (ts_node_is_null(node) || depth > kMaxDepth) return ref;
    const char* t = ts_node_type(node);
    if (!std::strcmp(t, "identifier") || !std::strcmp(t, "type_identifier")) {
      ref.symbol = resolve(text(node));
      if (ref.symbol == kNone) ref.set_global(std::string(text(node)));
    } else if (!std::strcmp(t, "this")) {
      ref.set_global("this");
      ref.this_class = class_;
    } else if (!std::strcmp(t, "member_expression")) {
      ref = evaluate(field(node, "object"), depth + 1);
      if (ref.known()) ref.steps.emplace_back(text(field(node, "property")));
    } else if (!std::strcmp(t, "nested_type_identifier")) {  // Prisma.TransactionClient
      ref = evaluate(field(node, "module"), depth + 1);
      if (ref.known()) ref.steps.emplace_back(text(field(node, "name")));
    } else if (!std::strcmp(t, "generic_type")) {  // Repository<User>
      ref = evaluate(field(node, "name"), depth + 1);
    } else if (!std::strcmp(t, "subscript_expression")) {
      ref = evaluate(field(node, "object"), depth + 1);
      TSNode index = unwrap(field(node, "index"));
      if (ref.known())
        ref.steps.push_back(is(index, "string") ? unquote(text(index)) : std::string(ValueRef::kComputed));
    } else if (!std::strcmp(t, "call_expression")) {
      std::string module = required_module(node);
      if (!module.empty()) {
        ref.set_module(module);
      } else {
        ref = evaluate(field(node, "function"), depth + 1);
        if (ref.known()) ref.steps.emplace_back(ValueRef::kCall);
      }
    } else if (!std::strcmp(t, "new_expression")) {
      ref = evaluate(field(node, "constructor"), depth + 1);
      if (ref.known()) ref.steps.emplace_back(ValueRef::kNew);
    } else if (is_function_node(node)) {
      auto it = function_at_.find(ts_node_start_byte(node));
      if (it != function_at_.end()) ref.function = it->second;
    }
    return ref;
  }

  ValueRef evaluate_type(TSNode type_annotation) const {
    if (ts_node_is_null(type_annotation) || ts_node_named_child_count(type_annotation) == 0) return {};
    return evaluate(ts_node_named_child(type_annotation, 0));
  }

  // The values an initializer may produce: `a ?? b`, `a || b`, `c ? a : b` and `(x = a)` give several.
  void alternatives(TSNode node, facts::FactList<ValueRef>& out, std::vector<CallId>* calls = nullptr,
                    int depth = 0) const {
    node = unwrap(node);
    if (ts_node_is_null(node) || depth > kMaxDepth) return;
    if (calls) {
      CallId c = call_of(node);
      if (c != kNone) calls->push_back(c);
    }
    if (is(node, "binary_expression")) {
      std::string_view o = text(field(node, "operator"));
      if (o == "??" || o == "||") {
        alternatives(field(node, "left"), out, calls, depth + 1);
        alternatives(field(node, "right"), out, calls, depth + 1);
        return;
      }
      if (o == "&&") {
        alternatives(field(node, "right"), out, calls, depth + 1);
        return;
      }
    }
    if (is(node, "ternary_expression")) {
      alternatives(field(node, "consequence"), out, calls, depth + 1);
      alternatives(field(node, "alternative"), out, calls, depth + 1);
      return;
    }
    if (is(node, "assignment_expression") || is(node, "augmented_assignment_expression")) {
      alternatives(field(node, "right"), out, calls, depth + 1);
      return;
    }
    ValueRef v = evaluate(node, depth);
    if (v.known()) out.push_back(std::move(v));
  }

  // Identifiers that an expression reads (for loop exit conditions).
  void collect_symbols(TSNode node, facts::FactList<SymbolId>& out, int depth = 0) const {
    if (ts_node_is_null(node) || depth > 64) return;
    if (is(node, "identifier") || is(node, "shorthand_property_identifier")) {
      SymbolId id = resolve(text(node));
      if (id != kNone) out.push_back(id);
      return;
    }
    if (is_function_node(node)) return;
    std::uint32_t n = ts_node_named_child_count(node);
    for (std::uint32_t i = 0; i < n; ++i) collect_symbols(ts_node_named_child(node, i), out, depth + 1);
  }

  // ---- functions and classes --------------------------------------------------------------------------------
  std::string inferred_name(TSNode fn) const {
    TSNode name = field(fn, "name");
    if (!ts_node_is_null(name)) return std::string(text(name));
    TSNode parent = parent_of(fn);
    while (!ts_node_is_null(parent) && is_transparent(parent)) parent = parent_of(parent);
    if (is(parent, "variable_declarator")) return std::string(text(field(parent, "name")));
    if (is(parent, "pair")) return unquote(text(field(parent, "key")));
    if (is(parent, "assignment_expression")) {
      TSNode left = field(parent, "left");
      if (is(left, "member_expression")) return std::string(text(field(left, "property")));
      return std::string(text(left));
    }
    if (is(parent, "public_field_definition") || is(parent, "field_definition"))
      return std::string(text(field(parent, "name")));
    if (is(parent, "export_statement")) return "default";
    return {};
  }

  std::string decorator_text(TSNode decorator) const {
    TSNode inner = ts_node_named_child(decorator, 0);
    if (is(inner, "call_expression")) inner = field(inner, "function");
    if (is(inner, "member_expression")) inner = field(inner, "property");
    return std::string(text(inner));
  }

  FunctionId begin_function(TSNode fn) {
    facts::Function f;
    f.name = inferred_name(fn);
    f.parent = function_;
    f.span = span(fn);
    f.is_async = has_keyword(fn, "async");
    if (is(fn, "method_definition")) {
      f.method_of = class_;
      f.decorators = std::move(pending_decorators_);
      pending_decorators_.clear();
    }
    FunctionId id = static_cast<FunctionId>(facts_.functions.size());
    facts_.functions.push_back(std::move(f));
    function_at_[ts_node_start_byte(fn)] = id;
    return id;
  }

  // Visits a function's parameters and body in a fresh scope. `loop` is the iteration context the body runs in
  // (an array callback's own loop) or kNone for a function that runs when someone calls it.
  FunctionId visit_function(TSNode fn, LoopId loop, int depth, bool owns_loop = true) {
    FunctionId id = begin_function(fn);
    if (is(fn, "function_declaration") || is(fn, "generator_function_declaration")) {
      SymbolId sym = resolve(text(field(fn, "name")));
      if (sym != kNone) facts_.symbols[sym].body = id;
    }
    FunctionId saved_function = function_;
    LoopId saved_loop = loop_;
    TryContext saved_try = try_;
    int saved_await = await_depth_;
    await_depth_ = 0;
    function_ = id;
    loop_ = loop;
    try_ = TryContext{};
    if (loop != kNone && owns_loop) facts_.loops[loop].function = id;
    push_scope();
    TSNode params = field(fn, "parameters");
    if (ts_node_is_null(params)) params = field(fn, "parameter");  // `x => ...`
    declare_parameters(params, id, is(fn, "method_definition") && text(field(fn, "name")) == "constructor");
    TSNode body = field(fn, "body");
    if (!ts_node_is_null(body)) {
      if (is(body, "statement_block")) {
        hoist(body);
        visit_children(body, depth + 1);
      } else {
        visit(body, depth + 1);
        alternatives(body, facts_.functions[id].returns);  // `x => expr` returns expr
      }
    }
    pop_scope();
    function_ = saved_function;
    loop_ = saved_loop;
    try_ = saved_try;
    await_depth_ = saved_await;
    return id;
  }

  void declare_parameters(TSNode params, FunctionId fn, bool constructor) {
    if (ts_node_is_null(params)) return;
    if (is(params, "identifier")) {
      SymbolId id = declare(params, SymbolKind::Parameter);
      facts_.symbols[id].param_index = 0;
      facts_.functions[fn].params.push_back(id);
      return;
    }
    std::uint32_t n = ts_node_named_child_count(params);
    std::int32_t index = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode p = ts_node_named_child(params, i);
      if (is(p, "comment")) continue;
      TSNode pattern = p;
      ValueRef type;
      bool property = false;  // `constructor(private prisma: PrismaService)` declares a field too
      if (is(p, "required_parameter") || is(p, "optional_parameter")) {
        pattern = field(p, "pattern");
        type = evaluate_type(field(p, "type"));
        for (std::uint32_t k = 0; k < ts_node_named_child_count(p); ++k)
          if (is(ts_node_named_child(p, k), "accessibility_modifier")) property = true;
        if (has_keyword(p, "readonly")) property = true;
      } else if (is(p, "assignment_pattern")) {
        pattern = field(p, "left");
      }
      facts::FactList<SymbolId> ids;
      declare_pattern(pattern, SymbolKind::Parameter, &ids);
      for (SymbolId id : ids) {
        facts_.symbols[id].param_index = index;
        facts_.functions[fn].params.push_back(id);
      }
      if (ids.size() == 1 && is(pattern, "identifier")) {
        facts_.symbols[ids[0]].type = type;
        if (constructor && property && class_ != kNone) {
          facts::ClassField f;
          f.name = facts_.symbols[ids[0]].name;
          f.span = span(pattern);
          f.type = type;
          facts_.classes[class_].fields.push_back(std::move(f));
        }
      }
      ++index;
    }
  }

  facts::ClassField& class_field(ClassId cls, const std::string& name, TSNode where) {
    for (auto& f : facts_.classes[cls].fields)
      if (f.name == name) return f;
    facts::ClassField f;
    f.name = name;
    f.span = span(where);
    facts_.classes[cls].fields.push_back(std::move(f));
    return facts_.classes[cls].fields.back();
  }

  void visit_class(TSNode node, int depth, TSNode outer_decorators_holder) {
    facts::Class c;
    TSNode name = field(node, "name");
    c.name = std::string(text(name));
    c.span = span(node);
    if (!ts_node_is_null(name) && (is(node, "class_declaration") || is(node, "abstract_class_declaration")))
      c.symbol = declare(name, SymbolKind::Class);
    for (TSNode holder : {node, outer_decorators_holder}) {
      if (ts_node_is_null(holder)) continue;
      for (std::uint32_t i = 0; i < ts_node_named_child_count(holder); ++i) {
        TSNode ch = ts_node_named_child(holder, i);
        if (is(ch, "decorator")) c.decorators.push_back(decorator_text(ch));
      }
    }
    for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i) {
      TSNode h = ts_node_named_child(node, i);
      if (!is(h, "class_heritage")) continue;
      TSNode ext = ts_node_named_child(h, 0);
      if (is(ext, "extends_clause")) {
        TSNode value = field(ext, "value");
        visit(value, depth + 1);
        c.extends = evaluate(value);
      } else if (!ts_node_is_null(ext) && !is(ext, "implements_clause")) {  // JS grammar: `extends X` directly
        c.extends = evaluate(ext);
      }
    }
    ClassId id = static_cast<ClassId>(facts_.classes.size());
    if (c.symbol != kNone) facts_.symbols[c.symbol].class_id = id;
    facts_.classes.push_back(std::move(c));
    ClassId saved = class_;
    class_ = id;
    TSNode body = field(node, "body");
    push_scope();
    for (std::uint32_t i = 0; !ts_node_is_null(body) && i < ts_node_named_child_count(body); ++i) {
      TSNode member = ts_node_named_child(body, i);
      if (is(member, "decorator")) {
        pending_decorators_.push_back(decorator_text(member));
        continue;
      }
      if (is(member, "public_field_definition") || is(member, "field_definition")) {
        TSNode fname = field(member, "name");
        if (ts_node_is_null(fname)) fname = field(member, "property");
        TSNode value = field(member, "value");
        if (!ts_node_is_null(value)) visit(value, depth + 1);
        auto& f = class_field(id, std::string(text(fname)), fname);
        f.type = evaluate_type(field(member, "type"));
        if (!ts_node_is_null(value)) alternatives(value, f.values);
        pending_decorators_.clear();
        continue;
      }
      visit(member, depth + 1);
      pending_decorators_.clear();
    }
    pop_scope();
    class_ = saved;
  }

  // ---- loops ------------------------------------------------------------------------------------------------
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

  // `i < 3`, `attempt <= MAX` with a small literal on one side.
  bool has_small_bound(TSNode condition) const {
    TSNode c = unwrap(condition);
    if (is(c, "expression_statement")) c = unwrap(ts_node_named_child(c, 0));
    if (!is(c, "binary_expression")) return false;
    std::string_view op = text(field(c, "operator"));
    if (op != "<" && op != "<=" && op != ">" && op != ">=") return false;
    for (TSNode side : {field(c, "left"), field(c, "right")}) {
      double n;
      TSNode v = unwrap(side);
      if (is(v, "number") && parse_number(text(v), n) && n <= kSmallLoopBound) return true;
      if (is(v, "identifier")) {  // `attempt < MAX_RETRIES` with `const MAX_RETRIES = 3`
        SymbolId id = resolve(text(v));
        if (id != kNone && facts_.symbols[id].has_constant && facts_.symbols[id].constant <= kSmallLoopBound) return true;
      }
    }
    return false;
  }

  void visit_loop_body(LoopId loop, TSNode body, int depth) {
    LoopId saved = loop_;
    loop_ = loop;
    if (!ts_node_is_null(body)) facts_.loops[loop].body = span(body);
    visit(body, depth + 1);
    loop_ = saved;
  }

  // The loops of the current function a `break`/`return` at this point leaves.
  void mark_exit(bool is_return) {
    // A `return` in an array callback ends one element's callback, not the iteration.
    for (LoopId l = loop_; l != kNone && facts_.loops[l].function == function_ &&
                           facts_.loops[l].kind != LoopKind::ArrayCallback;
         l = facts_.loops[l].parent) {
      facts_.loops[l].has_exit = true;
      if (!is_return) break;  // `break` leaves the innermost loop only
    }
  }

  static bool branch_exits(TSNode branch) {
    if (ts_node_is_null(branch)) return false;
    if (is(branch, "else_clause")) branch = ts_node_named_child(branch, 0);
    if (is(branch, "break_statement") || is(branch, "return_statement") || is(branch, "throw_statement")) return true;
    if (is(branch, "statement_block"))
      for (std::uint32_t i = 0; i < ts_node_named_child_count(branch); ++i) {
        TSNode s = ts_node_named_child(branch, i);
        if (is(s, "break_statement") || is(s, "return_statement")) return true;
      }
    return false;
  }

  // ---- calls ------------------------------------------------------------------------------------------------
  // Is the call's promise awaited: directly (`await q()`), or as part of an awaited expression in the same function
  // (`await Promise.all([q1(), q2()])`, `await q().then(f)`)?
  bool is_awaited(TSNode call) const {
    if (await_depth_ > 0) return true;
    TSNode parent = parent_of(call);
    while (!ts_node_is_null(parent) && (is(parent, "parenthesized_expression") || is(parent, "non_null_expression") ||
                                        is(parent, "as_expression")))
      parent = parent_of(parent);
    return is(parent, "await_expression");
  }

  // Is `call`'s value the receiver of another member call (`call.then(...)`, `builder.where(...)`)?
  bool is_chained(TSNode call) const {
    TSNode parent = parent_of(call);
    while (is(parent, "parenthesized_expression") || is(parent, "non_null_expression")) parent = parent_of(parent);
    if (!is(parent, "member_expression")) return false;
    TSNode grand = parent_of(parent);
    return is(grand, "call_expression");
  }

  // Is `call` an argument of Promise.all/allSettled/any/race(...)?
  bool in_promise_combinator(TSNode call) const {
    TSNode args = parent_of(call);
    if (!is(args, "arguments")) return false;
    TSNode outer = parent_of(args);
    if (!is(outer, "call_expression")) return false;
    TSNode callee = unwrap(field(outer, "function"));
    if (!is(callee, "member_expression")) return false;
    TSNode object = unwrap(field(callee, "object"));
    return is(object, "identifier") && text(object) == "Promise" &&
           contains(kPromiseCombinators, text(field(callee, "property")));
  }

  // The text of a string-ish expression with interpolations replaced by `$` (SQL detection reads it).
  bool string_text(TSNode node, std::string& out, int depth = 0) const {
    node = unwrap(node);
    if (depth > 16 || ts_node_is_null(node)) return false;
    if (is(node, "string")) {
      out += unquote(text(node));
      return true;
    }
    if (is(node, "template_string")) {
      for (std::uint32_t i = 0; i < ts_node_child_count(node); ++i) {
        TSNode c = ts_node_child(node, i);
        if (is(c, "template_substitution")) out += "$";
        else if (is(c, "string_fragment") || is(c, "escape_sequence")) out += text(c);
      }
      return true;
    }
    if (is(node, "call_expression") && is(field(node, "arguments"), "template_string"))  // sql`...` passed on
      return string_text(field(node, "arguments"), out, depth + 1);
    if (is(node, "binary_expression") && text(field(node, "operator")) == "+") {
      bool l = string_text(field(node, "left"), out, depth + 1);
      if (!l) out += "$";
      bool r = string_text(field(node, "right"), out, depth + 1);
      if (!r) out += "$";
      return l || r;
    }
    return false;
  }

  facts::Argument describe_argument(TSNode arg) const {
    facts::Argument a;
    a.span = span(arg);
    TSNode v = unwrap(arg);
    if (is_function_node(v)) {
      a.kind = facts::Argument::Kind::Function;
    } else if (is(v, "object")) {
      a.kind = facts::Argument::Kind::Object;
      facts::ObjectProps props;
      for (std::uint32_t i = 0; i < ts_node_named_child_count(v); ++i) {
        TSNode p = ts_node_named_child(v, i);
        if (is(p, "shorthand_property_identifier")) {
          props.prop_names.emplace_back(text(p));
          props.props_values.push_back(evaluate(p));
          continue;
        }
        if (is(p, "spread_element")) props.has_spread = true;
        if (!is(p, "pair")) continue;
        std::string key = unquote(text(field(p, "key")));
        props.prop_spans.emplace_back(key, span(p));
        double n;
        if (constant_number(field(p, "value"), n)) props.numeric_props.emplace_back(key, n);
        TSNode pv = unwrap(field(p, "value"));
        if (is(pv, "true") || is(pv, "false")) props.bool_props.emplace_back(key, is(pv, "true"));
        ValueRef ref = evaluate(field(p, "value"));
        if (ref.known()) {
          props.prop_names.push_back(key);
          props.props_values.push_back(std::move(ref));
        }
      }
      a.object = std::make_shared<const facts::ObjectProps>(std::move(props));
    } else if (is(v, "array")) {
      a.kind = facts::Argument::Kind::Array;
    } else if (is(v, "string") || is(v, "template_string")) {
      a.kind = facts::Argument::Kind::String;
    } else {
      a.value = evaluate(v);
      if (a.value.known()) a.kind = facts::Argument::Kind::Value;
    }
    return a;
  }

  // Numbers written as literals or simple constant arithmetic (`60 * 1000`).
  bool constant_number(TSNode node, double& out, int depth = 0) const {
    node = unwrap(node);
    if (depth > 8 || ts_node_is_null(node)) return false;
    if (is(node, "number")) return parse_number(text(node), out);
    if (is(node, "binary_expression")) {
      double l, r;
      if (!constant_number(field(node, "left"), l, depth + 1) || !constant_number(field(node, "right"), r, depth + 1))
        return false;
      std::string_view op = text(field(node, "operator"));
      if (op == "*") out = l * r;
      else if (op == "+") out = l + r;
      else if (op == "-") out = l - r;
      else if (op == "/" && r != 0) out = l / r;
      else return false;
      return true;
    }
    return false;
  }

  CallId record_call(TSNode call, TSNode callee, bool construct, bool tagged) {
    facts::Call c;
    c.span = span(call);
    c.callee_span = span(callee);
    c.callee = evaluate(callee);
    c.function = function_;
    c.loop = loop_;
    c.awaited = is_awaited(call);
    c.tagged_template = tagged;
    c.construct = construct;
    c.chained = is_chained(call);
    c.at_module_scope = function_ == kNone;
    c.in_try = try_.in_try;
    c.in_catch = try_.in_catch;
    c.in_finally = try_.in_finally;
    TSNode args = field(call, "arguments");
    if (tagged) {
      facts::CallString s;
      if (string_text(args, s.text)) {
        s.span = span(args);
        c.strings.push_back(std::move(s));
      }
    } else if (is(args, "arguments")) {
      for (std::uint32_t i = 0; i < ts_node_named_child_count(args); ++i) {
        TSNode arg = ts_node_named_child(args, i);
        if (is(arg, "comment")) continue;
        c.args.push_back(describe_argument(arg));
        facts::CallString s;
        if (string_text(arg, s.text)) {
          s.span = span(arg);
          c.strings.push_back(std::move(s));
        }
      }
    }
    // The value goes straight back to the caller or into another call: it escapes this function.
    TSNode parent = parent_of(call);
    while (is(parent, "await_expression") || is(parent, "parenthesized_expression")) parent = parent_of(parent);
    c.result_escapes = is(parent, "return_statement") || is(parent, "arguments") || is(parent, "arrow_function");
    if (is(parent, "arguments")) c.argument_of = call_of(parent_of(parent));
    // An argument inside an object literal argument: `new PrismaClient({ adapter: new PrismaPg() })`.
    if (is(parent, "pair") && is(parent_of(parent), "object") && is(parent_of(parent_of(parent)), "arguments"))
      c.argument_of = call_of(parent_of(parent_of(parent_of(parent))));
    CallId id = static_cast<CallId>(facts_.calls.size());
    facts_.calls.push_back(std::move(c));
    call_at_[ts_node_start_byte(call) * 2 + (construct ? 1 : 0)] = id;
    return id;
  }

  // The call an initializer is (through await and parentheses), or kNone.
  CallId call_of(TSNode value) const {
    TSNode v = unwrap(value);
    if (!is(v, "call_expression") && !is(v, "new_expression")) return kNone;
    auto it = call_at_.find(ts_node_start_byte(v) * 2 + (is(v, "new_expression") ? 1 : 0));
    if (it == call_at_.end()) return kNone;
    // Several calls can start at the same byte (`a.b().c()`); the outermost was recorded first.
    return it->second;
  }

  void visit_call(TSNode call, int depth) {
    TSNode callee = field(call, "function");
    TSNode args = field(call, "arguments");
    bool tagged = is(args, "template_string");
    if (std::string module = required_module(call); !module.empty()) {
      // `require('m')` / `import('m')` is an import, not a call worth a fact.
      facts_.required_modules.push_back(std::move(module));
      return;
    }
    CallId id = record_call(call, callee, false, tagged);

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

    if (!(is(callee, "import"))) visit(callee, depth + 1);
    if (ts_node_is_null(args) || tagged) {
      if (!ts_node_is_null(args)) visit(args, depth + 1);
      return;
    }
    call_stack_.push_back(id);
    visit_arguments(call, id, args, unwrapped, method, callback_index, depth);
    call_stack_.pop_back();
    if (!facts_.calls[id].batched)
      for (const auto& str : facts_.calls[id].strings) {
        std::string lower;
        for (char ch : str.text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (lower.find("any(") != std::string::npos || lower.find(" in (") != std::string::npos ||
            lower.find(" in ($") != std::string::npos || lower.find("unnest(") != std::string::npos)
          facts_.calls[id].batched = true;
      }
  }

  // Visits a call's arguments: function arguments become functions that know which call they were passed to (an
  // array method's callback gets its own loop), other arguments are walked as expressions.
  void visit_arguments(TSNode call, CallId id, TSNode args, TSNode callee, const std::string& method,
                       int callback_index, int depth) {
    std::int32_t index = 0;
    for_each_named_child(args, [&](TSNode arg) {
      if (is(arg, "comment")) return;
      TSNode fn = unwrap(arg);
      if (is_function_node(fn)) {
        FunctionId f;
        if (index == callback_index) {
          LoopId loop = begin_loop(LoopKind::ArrayCallback, span(call), method);
          facts_.loops[loop].in_promise_combinator = in_promise_combinator(call);
          facts_.loops[loop].literal_iterable = method == "Array.from"
                                                    ? is_small_literal_array(ts_node_named_child(args, 0))
                                                    : is_small_literal_array(field(callee, "object"));
          f = visit_function(fn, loop, depth + 1);
          facts_.functions[f].role = FunctionRole::ArrayCallback;
        } else {
          // `.then(cb)` / `.catch(cb)` / `.finally(cb)` callbacks run as part of the surrounding iteration.
          bool inline_callback = is(callee, "member_expression") &&
                                 (text(field(callee, "property")) == "then" ||
                                  text(field(callee, "property")) == "catch" ||
                                  text(field(callee, "property")) == "finally");
          f = visit_function(fn, inline_callback ? loop_ : kNone, depth + 1, false);
          facts_.functions[f].role = FunctionRole::Argument;
        }
        facts_.functions[f].argument_of = id;
        facts_.functions[f].argument_index = index;
        if (index < static_cast<std::int32_t>(facts_.calls[id].args.size())) facts_.calls[id].args[index].function = f;
      } else {
        visit(arg, depth + 1);
      }
      ++index;
    });
  }

  // ---- declarations and assignments -------------------------------------------------------------------------
  void visit_declarator(TSNode decl, int depth) {
    TSNode name = field(decl, "name");
    TSNode value = field(decl, "value");
    if (!ts_node_is_null(value)) visit(value, depth + 1);
    CallId call = ts_node_is_null(value) ? kNone : call_of(value);
    if (is(name, "identifier")) {
      SymbolId id = declare(name, SymbolKind::Variable);
      std::vector<CallId> held;
      if (!ts_node_is_null(value)) {
        alternatives(value, facts_.symbols[id].values, &held);
        collect_symbols(value, facts_.symbols[id].reads);
        double n;
        if (constant_number(value, n)) {
          facts_.symbols[id].has_constant = true;
          facts_.symbols[id].constant = n;
        }
      }
      for (CallId c : held)
        if (facts_.calls[c].result == kNone) facts_.calls[c].result = id;
      facts_.symbols[id].type = evaluate_type(field(decl, "type"));
      if (call != kNone) facts_.calls[call].result = id;
      if (function_ == kNone && facts_.symbols[id].name == "runtime" && is(unwrap(value), "string")) {
        std::string v = unquote(text(unwrap(value)));
        if (v == "edge" || v == "experimental-edge") facts_.edge_runtime = true;
      }
      return;
    }
    if (is(name, "object_pattern")) {
      // `const { user, post: posts } = prisma` reads properties of the value.
      facts::FactList<ValueRef> source;
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
        if (call != kNone && facts_.calls[call].result == kNone) facts_.calls[call].result = id;
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
      if (id != kNone) {
        std::vector<CallId> held;
        alternatives(right, facts_.symbols[id].values, &held);
        collect_symbols(right, facts_.symbols[id].reads);
        for (CallId c : held)
          if (facts_.calls[c].result == kNone) facts_.calls[c].result = id;
      }
      return;
    }
    if (is(left, "member_expression")) {
      ValueRef object = evaluate(field(left, "object"));
      std::string property(text(field(left, "property")));
      if (object.global() == "this" && object.steps.empty() && class_ != kNone) {
        alternatives(right, class_field(class_, property, left).values);
      } else if (object.known()) {
        facts::GlobalStore store;
        store.span = span(node);
        store.property = property;
        std::vector<CallId> held;
        alternatives(right, store.values, &held);
        bool global_root = object.global() == "globalThis" || object.global() == "global" || object.global() == "window";
        bool module_symbol = object.symbol != kNone && facts_.symbols[object.symbol].function == kNone;
        if ((global_root || module_symbol) && object.steps.empty()) {
          for (CallId c : held) facts_.calls[c].stored_globally = true;
          store.values.insert(store.values.begin(), object);  // values[0]: the object stored into
          facts_.global_stores.push_back(std::move(store));
        }
        if (object.global() == "module" && property == "exports") export_commonjs("default", right);
        if ((object.global() == "exports" && object.steps.empty()) ||
            (object.global() == "module" && object.steps.size() == 1 && object.steps[0] == "exports"))
          export_commonjs(property, right);
      }
    }
    visit(left, depth + 1);
  }

  // CommonJS `module.exports = x` / `exports.name = x`.
  void export_commonjs(const std::string& name, TSNode value) {
    facts::Export e;
    e.name = name;
    e.commonjs = true;
    TSNode v = unwrap(value);
    if (is(v, "object") && name == "default") {
      for (std::uint32_t i = 0; i < ts_node_named_child_count(v); ++i) {
        TSNode p = ts_node_named_child(v, i);
        facts::Export member;
        member.commonjs = true;
        if (is(p, "shorthand_property_identifier")) {
          member.name = std::string(text(p));
          member.symbol = resolve(text(p));
        } else if (is(p, "pair")) {
          member.name = unquote(text(field(p, "key")));
          member.value = evaluate(field(p, "value"));
          if (member.value.symbol != kNone && member.value.steps.empty()) member.symbol = member.value.symbol;
        } else {
          continue;
        }
        facts_.exports.push_back(std::move(member));
      }
      return;
    }
    if (is(v, "identifier") && resolve(text(v)) != kNone) e.symbol = resolve(text(v));
    else e.value = evaluate(value);
    facts_.exports.push_back(std::move(e));
  }

  void visit_export(TSNode node, int depth) {
    TSNode decl = field(node, "declaration");
    TSNode source = field(node, "source");
    bool is_default = has_keyword(node, "default");
    if (!ts_node_is_null(decl)) {
      if (is(decl, "class_declaration") || is(decl, "abstract_class_declaration")) visit_class(decl, depth + 1, node);
      else visit(decl, depth + 1);
      export_declaration(decl, is_default);
      return;
    }
    std::string from = ts_node_is_null(source) ? std::string() : unquote(text(source));
    TSNode value = field(node, "value");
    if (is_default && !ts_node_is_null(value)) {
      FunctionId fn = kNone;
      TSNode v = unwrap(value);
      if (is_function_node(v)) fn = visit_function(v, kNone, depth + 1);
      else if (is(v, "class")) visit_class(v, depth + 1, node);
      else visit(value, depth + 1);
      facts::Export e;
      e.name = "default";
      if (is(v, "identifier") && resolve(text(v)) != kNone) e.symbol = resolve(text(v));
      else if (fn != kNone) e.function = fn;
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

  void visit_try(TSNode node, int depth) {
    TryContext saved = try_;
    try_.in_try = true;
    visit(field(node, "body"), depth + 1);
    try_ = saved;
    TSNode handler = field(node, "handler");
    if (!ts_node_is_null(handler)) {
      try_.in_catch = true;
      push_scope();
      declare_pattern(field(handler, "parameter"), SymbolKind::Variable);
      visit(field(handler, "body"), depth + 1);
      pop_scope();
      try_ = saved;
    }
    TSNode finalizer = field(node, "finalizer");
    if (!ts_node_is_null(finalizer)) {
      try_.in_finally = true;
      visit(field(finalizer, "body"), depth + 1);
      try_ = saved;
    }
  }

  void note_escape(TSNode value) {
    TSNode v = unwrap(value);
    if (is(v, "identifier") || is(v, "shorthand_property_identifier")) {
      SymbolId id = resolve(text(v));
      if (id != kNone) escaped_.push_back(id);
    }
  }

  // ---- the walk ---------------------------------------------------------------------------------------------
  void visit_children(TSNode node, int depth) {
    for_each_named_child(node, [&](TSNode child) { visit(child, depth); });
  }

  void visit(TSNode node, int depth) {
    if (ts_node_is_null(node) || over_budget_ != Stage::None) return;
    path_.push_back(node);
    visit_node(node, depth);
    path_.pop_back();
  }

  void visit_node(TSNode node, int depth) {
    // The clock is read every 1024 nodes: cheap, and a walk never runs more than a few milliseconds past its budget.
    if (budget_.count() > 0 && (++visits_ & 1023u) == 0 && std::chrono::steady_clock::now() > deadline_) {
      over_budget_ = Stage::Walk;
      return;
    }
    if (depth > kMaxDepth) {
      depth_exceeded_ = true;
      return;
    }
    if (TSSymbol symbol = ts_node_symbol(node); symbol >= visited_types_->size() || !(*visited_types_)[symbol]) {
      visit_children(node, depth + 1);
      return;
    }
    const char* t = ts_node_type(node);
    if (!std::strcmp(t, "string") || !std::strcmp(t, "template_string")) note_connection_urls(node);
    if (!std::strcmp(t, "comment") || !std::strcmp(t, "import_statement") || !std::strcmp(t, "string") ||
        !std::strcmp(t, "type_annotation") || !std::strcmp(t, "type_alias_declaration") ||
        !std::strcmp(t, "interface_declaration") || !std::strcmp(t, "hash_bang_line"))
      return;
    if (is_function_node(node)) {
      visit_function(node, kNone, depth);
      return;
    }
    if (!std::strcmp(t, "statement_block")) {
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
      CallId id = record_call(node, field(node, "constructor"), true, false);
      visit(field(node, "constructor"), depth + 1);
      TSNode args = field(node, "arguments");
      if (!ts_node_is_null(args)) visit_arguments(node, id, args, TSNode{}, {}, -1, depth);
      return;
    }
    if (!std::strcmp(t, "variable_declarator")) {
      visit_declarator(node, depth);
      return;
    }
    if (!std::strcmp(t, "assignment_expression") || !std::strcmp(t, "augmented_assignment_expression")) {
      visit_assignment(node, depth);
      return;
    }
    if (!std::strcmp(t, "export_statement")) {
      visit_export(node, depth);
      return;
    }
    if (!std::strcmp(t, "class_declaration") || !std::strcmp(t, "abstract_class_declaration") ||
        !std::strcmp(t, "class")) {
      visit_class(node, depth, TSNode{});
      return;
    }
    if (!std::strcmp(t, "try_statement")) {
      visit_try(node, depth);
      return;
    }
    if (!std::strcmp(t, "return_statement")) {
      TSNode value = ts_node_named_child(node, 0);
      if (function_ != kNone && !ts_node_is_null(value)) {
        alternatives(value, facts_.functions[function_].returns);
        note_escape(value);
      }
      mark_exit(true);
      visit_children(node, depth + 1);
      return;
    }
    if (!std::strcmp(t, "break_statement")) {
      mark_exit(false);
      return;
    }
    if (!std::strcmp(t, "if_statement")) {
      TSNode condition = field(node, "condition");
      if (loop_ != kNone && facts_.loops[loop_].function == function_ &&
          facts_.loops[loop_].kind != LoopKind::ArrayCallback &&
          (branch_exits(field(node, "consequence")) || branch_exits(field(node, "alternative"))))
        collect_symbols(condition, facts_.loops[loop_].exit_symbols);
      visit_children(node, depth + 1);
      return;
    }
    if (!std::strcmp(t, "pair") && !call_stack_.empty()) {
      std::string key = unquote(text(field(node, "key")));
      if (key == "in" || key == "$in" || key == "hasSome" || key == "hasEvery" || key == "$nin")
        facts_.calls[call_stack_.back()].batched = true;
    }
    if (!std::strcmp(t, "await_expression")) {
      if (function_ == kNone) facts_.top_level_await = true;
      ++await_depth_;
      visit_children(node, depth + 1);
      --await_depth_;
      return;
    }
    if (!std::strcmp(t, "binary_expression")) {
      // `require.main === module`: the file runs as a program.
      std::string_view whole = text(node);
      if (whole.find("require.main") != std::string_view::npos && whole.find("module") != std::string_view::npos)
        facts_.require_main = true;
    }
    // A value passed to a call, or put in an array or object, leaves the function's hands; an options object
    // passed straight to a call (`{ session }`) only lends it.
    if (!std::strcmp(t, "arguments") || !std::strcmp(t, "array")) {
      std::uint32_t n = ts_node_named_child_count(node);
      for (std::uint32_t i = 0; i < n; ++i) note_escape(ts_node_named_child(node, i));
    }
    if (!std::strcmp(t, "object") && !is(parent_of(node), "arguments")) {
      std::uint32_t n = ts_node_named_child_count(node);
      for (std::uint32_t i = 0; i < n; ++i) {
        TSNode c = ts_node_named_child(node, i);
        note_escape(is(c, "pair") ? field(c, "value") : c);
      }
    }
    if (!std::strcmp(t, "for_statement")) {
      push_scope();
      TSNode body = field(node, "body");
      visit(field(node, "initializer"), depth + 1);
      LoopId loop = begin_loop(LoopKind::For, loop_header(node, body));
      TSNode condition = field(node, "condition");
      facts_.loops[loop].small_bound = has_small_bound(condition);
      LoopId saved = loop_;
      loop_ = loop;
      collect_symbols(condition, facts_.loops[loop].exit_symbols);
      visit(condition, depth + 1);
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
      if (kind == LoopKind::ForAwait && function_ == kNone) facts_.top_level_await = true;
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
      TSNode condition = field(node, "condition");
      facts_.loops[loop].small_bound = has_small_bound(condition);  // `while (retries <= MAX_RETRIES)`
      visit_loop_body(loop, body, depth);
      LoopId saved = loop_;
      loop_ = loop;
      collect_symbols(condition, facts_.loops[loop].exit_symbols);
      visit(condition, depth + 1);
      loop_ = saved;
      return;
    }
    visit_children(node, depth + 1);
  }

  // ---- connection strings (for the pool-config rules) -------------------------------------------------------
  // A string or template literal holding a connection URL (`'postgres://u:p@host:6543/db'`, or a template with
  // `${user}:${pass}` parts, which stay placeholders): parsed as written, with the call it is an argument of (directly
  // or as an option: `new Pool({ connectionString: '...' })`) and the key or variable holding it.
  void note_connection_urls(TSNode literal) {
    std::string_view raw = text(literal);
    if (raw.size() < 2 || raw.find("://") == std::string_view::npos || raw.find('\n') != std::string_view::npos)
      return;
    TSPoint start = ts_node_start_point(literal);
    auto urls = config::find_connection_urls(raw.substr(1, raw.size() - 2), start.row + 1, start.column + 2);
    if (urls.empty()) return;
    std::string key;
    CallId call = kNone;
    TSNode parent = parent_of(literal);
    while (is_transparent(parent)) parent = parent_of(parent);
    if (is(parent, "pair")) {
      key = unquote(text(field(parent, "key")));
      TSNode object = parent_of(parent);
      if (is(object, "object")) parent = parent_of(object);
    } else if (is(parent, "variable_declarator")) {
      key = std::string(text(field(parent, "name")));
    }
    if (is(parent, "arguments")) call = call_of(parent_of(parent));
    for (auto& url : urls) {
      url.key = key;
      url.call = call;
      facts_.connection_urls.push_back(std::move(url));
    }
  }

  std::string_view source_;
  std::chrono::microseconds budget_;
  std::chrono::steady_clock::time_point deadline_;
  Stage over_budget_ = Stage::None;
  std::uint32_t visits_ = 0;
  FileFacts facts_;
  std::vector<Scope> scopes_;
  std::unordered_map<std::uint32_t, SymbolId> hoisted_;  // name node start byte -> symbol
  std::unordered_map<std::uint32_t, CallId> call_at_;    // call node start byte * 2 (+1 for new) -> call
  std::unordered_map<std::uint32_t, FunctionId> function_at_;  // function node start byte -> function
  std::vector<facts::Name> pending_decorators_;
  std::vector<SymbolId> escaped_;
  FunctionId function_ = kNone;
  LoopId loop_ = kNone;
  ClassId class_ = kNone;
  TryContext try_;
  bool depth_exceeded_ = false;
  int await_depth_ = 0;  // inside an `await` of the current function (reset for nested functions)
  std::vector<CallId> call_stack_;  // calls whose arguments are being visited (innermost last)
};

}  // namespace

facts::FileFacts extract_facts(const std::string& relative_path, const SourceText& source) {
  facts::FileFacts facts = Extractor(relative_path, source).run();
  // A project's facts stay in memory until its rules have run: give back what the vectors grew into.
  facts::compact(facts);
  return facts;
}

BudgetedFacts extract_facts_within(const std::string& relative_path, const SourceText& source,
                                   std::chrono::microseconds budget) {
  Extractor extractor(relative_path, source, budget);
  BudgetedFacts out;
  facts::FileFacts facts = extractor.run();
  switch (extractor.over_budget()) {
    case Extractor::Stage::None:
      // A project's facts stay in memory until its rules have run: give back what the vectors grew into.
      facts::compact(facts);
      out.facts = std::move(facts);
      break;
    case Extractor::Stage::Parse:
      out.skip_reason = "skipped: parsing took longer than the " + describe_budget(budget) + " budget (--file-timeout)";
      break;
    case Extractor::Stage::Walk:
      out.skip_reason = "skipped: analysis took longer than the " + describe_budget(budget) + " budget (--file-timeout)";
      break;
  }
  return out;
}

std::string describe_budget(std::chrono::microseconds budget) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", static_cast<double>(budget.count()) / 1e6);
  return text;
}

}  // namespace connlint::ts
