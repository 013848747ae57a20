#pragma once
// FileFacts: the small, language-neutral record a front end extracts from one file. Everything after the front end
// (the project index, the rules) works on these records, never on syntax trees, so facts can be computed in
// parallel, cached, and merged across machines.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/location.h"
#include "core/notice.h"
#include "facts/fact_list.h"
#include "facts/name.h"

namespace connlint::facts {

using SymbolId = std::int32_t;    // index into FileFacts::symbols
using FunctionId = std::int32_t;  // index into FileFacts::functions
using LoopId = std::int32_t;      // index into FileFacts::loops
using ClassId = std::int32_t;     // index into FileFacts::classes
using CallId = std::int32_t;      // index into FileFacts::calls
inline constexpr std::int32_t kNone = -1;

// Positions inside the file: 1-based line, 1-based byte column, exclusive end column.
struct Span {
  std::uint32_t line = 0, column = 0, end_line = 0, end_column = 0;
};

// What an expression evaluates to, as far as tracking database handles cares: a root (a symbol of this file, or
// an unresolved global name such as `globalThis` or `this`) followed by steps, each a member access (its name), a
// call ("()"), a construction ("new") or a computed member ("[]").
//   prisma.user.findMany        -> root=prisma, steps=[user, findMany]
//   new PrismaClient()          -> root=PrismaClient, steps=[new]
//   new pg.Pool()               -> root=pg, steps=[Pool, new]
//   getDb().user                -> root=getDb, steps=[(), user]
//   globalThis.prisma           -> root=global globalThis, steps=[prisma]
// `await` is transparent: an awaited value is treated as the value itself.
struct ValueRef {
  static constexpr const char* kCall = "()";
  static constexpr const char* kNew = "new";
  static constexpr const char* kComputed = "[]";
  // The root is one of: a symbol, a global name, a module, a function (and `this` is the global "this" plus its
  // class). A global and a module share one field (32 bytes instead of 40: there is one per call, argument and
  // symbol; the fields are declared in this order so that there is no padding).
 private:
  Name root_name_;

 public:
  Name global() const { return root_is_module_ ? Name() : root_name_; }  // when the root is not a symbol of this
                                                                          // file ("this" inside a class: this_class)
  Name module() const { return root_is_module_ ? root_name_ : Name(); }  // `require('pg')`, `await import('pg')`
  void set_global(Name name) { root_name_ = name, root_is_module_ = false; }
  void set_module(Name name) { root_name_ = name, root_is_module_ = !name.empty(); }

  NameList steps;
  SymbolId symbol = kNone;         // root symbol, when the root resolves inside this file
  ClassId this_class = kNone;      // `this` inside a method of this class
  FunctionId function = kNone;     // root is a function written right there (`const getDb = () => db`)
  bool known() const { return symbol != kNone || !root_name_.empty() || function != kNone; }

 private:
  bool root_is_module_ = false;
};

enum class SymbolKind : std::uint8_t { Variable, Parameter, Function, Class, Import };

struct Symbol {
  // (Members are ordered by size so that the struct has no padding: a project keeps millions of symbols.)
  Name name;
  // Variables: the values it may hold (initializer and assignments; `a ?? b` and `c ? a : b` give several).
  FactList<ValueRef> values;
  // Variables bound by destructuring `const { user } = prisma`: the property read from each value.
  Name destructured_from;
  // Imports: the module specifier and the imported name ("default", "*" for a namespace import, or a name).
  Name import_source;
  Name import_name;
  // Parameters and variables: the declared type (`PrismaClient`, `Prisma.TransactionClient`) as an access path.
  ValueRef type;
  // Symbols its initializer and assignments read (`hasMore = page.length === 100` reads `page`).
  FactList<SymbolId> reads;
  // `const MAX_RETRIES = 3`: the numeric literal it is initialised with, if any (has_constant).
  double constant = 0;
  Span span;
  FunctionId function = kNone;  // the function whose scope declares it (kNone: module scope)
  // Functions: the FileFacts::functions entry of its body.
  FunctionId body = kNone;
  // Classes: the class entry.
  ClassId class_id = kNone;
  // Parameters: which function and position.
  std::int32_t param_index = -1;
  SymbolKind kind = SymbolKind::Variable;
  bool exported = false;
  // Its value leaves the function: returned, passed to a call, stored in an object or array.
  bool escapes = false;
  bool has_constant = false;
};

// `export const x`, `export { a as b }`, `export default x`, `export * from './m'`, `export { x } from './m'`.
struct Export {
  Name name;                 // exported name ("default" for default exports, "*" for export-all)
  SymbolId symbol = kNone;   // the local symbol, when it is local
  ValueRef value;            // `export default <expr>` that is not a plain symbol
  FunctionId function = kNone;  // `export default function () {}` / `export default async () => {}`
  bool commonjs = false;        // `module.exports = x` / `exports.name = x`
  Name from_source;          // re-exports
  Name from_name;
};

// How a function value is used where it is written, which decides when its body runs.
enum class FunctionRole : std::uint8_t {
  Declared,        // a declaration, method or a value stored somewhere: runs when someone calls it
  Argument,        // passed directly as an argument of a call (a callback): see argument_of
  ArrayCallback,   // runs once per element (also an Argument; see loops)
};

struct Function {
  Name name;  // declared or inferred name ("" for anonymous callbacks)
  FunctionId parent = kNone;
  Span span;
  bool is_async = false;
  FunctionRole role = FunctionRole::Declared;
  CallId argument_of = kNone;         // the call it is an argument of
  std::int32_t argument_index = -1;
  ClassId method_of = kNone;          // methods: the class
  FactList<Name> decorators;  // `@Get()` -> "Get"
  FactList<SymbolId> params;
  FactList<ValueRef> returns;      // values of `return x` and of an expression body
};

struct ClassField {
  Name name;
  Span span;
  FactList<ValueRef> values;  // initializer, `this.name = ...` assignments
  ValueRef type;                 // declared type (fields, constructor parameter properties)
};

struct Class {
  Name name;
  SymbolId symbol = kNone;
  Span span;
  ValueRef extends;  // `extends X`
  FactList<ClassField> fields;
  FactList<Name> decorators;  // `@Controller()` -> "Controller"
};

// A string passed to a call (SQL, mostly): its text with interpolations replaced by `$`, and where it is.
struct CallString {
  std::string text;
  Span span;
};

// A connection string (`postgresql://user:pass@host:6543/db?pgbouncer=true`) written in a file: in a config file
// (.env, schema.prisma, compose/Kubernetes YAML) or in a string literal of code. Parsed by src/config/, with where
// each part is, so that rules can point at the port or a parameter and reporters can mask the password.
struct ConnectionUrl {
  struct Host {
    std::string name;          // as written (IPv6 without its brackets)
    std::uint32_t port = 0;    // 0: not written (the scheme's default applies)
    Span span;                 // the host
    Span port_span;            // the port, when written
    bool placeholder = false;  // `${DB_HOST}`, `<host>`, `{{ .Values.host }}`
  };
  struct Param {
    std::string key;    // as written
    std::string value;  // percent-decoded
    Span span;          // `key=value`
  };
  std::string text;             // the URL as written
  Span span;                    // the whole URL
  std::string scheme;           // lowercase: "postgresql", "postgres", "mysql", ...
  std::string user;             // percent-decoded
  bool has_password = false;
  std::string password_raw;     // as written (percent-encoded); never put it in a message
  Span password_span;
  bool password_placeholder = false;  // `${DB_PASSWORD}`, `YOUR_PASSWORD`, `<password>`, `****`: not a secret
  std::vector<Host> hosts;     // several for multi-host URLs (`h1:5432,h2:5432`)
  std::string database;
  std::vector<Param> params;   // the query, in the order written
  // Where it was found.
  std::string key;              // the variable or key holding it (`DATABASE_URL`, `connectionString`), or ""
  CallId call = kNone;          // code: the call it is an argument of (also inside an options object)

  const Param* param(std::string_view name) const {
    for (const auto& p : params)
      if (p.key == name) return &p;
    return nullptr;
  }
};

// The properties of an object literal passed as an argument.
struct ObjectProps {
  FactList<std::pair<Name, double>> numeric_props;  // `{ timeout: 60_000 }` (constant numbers)
  FactList<std::pair<Name, Span>> prop_spans;       // where each property is
  FactList<std::pair<Name, bool>> bool_props;       // `{ prepare: false }` (literal booleans)
  bool has_spread = false;                             // `{ ...config }` (other keys unknown)
  FactList<ValueRef> props_values;                  // property values that are references
  FactList<Name> prop_names;                        // names of props_values, parallel
};

// What one argument of a call is, as far as rules care.
struct Argument {
  enum class Kind : std::uint8_t { Other, Function, Object, Array, String, Value };
  Kind kind = Kind::Other;
  FunctionId function = kNone;  // Function
  ValueRef value;               // Value: a reference (`pool`, `getDb()`)
  Span span;
  // Object: its properties. Out of line and shared (facts are read-only once extracted): one argument in six is an
  // object literal, and the lists would otherwise triple the size of every argument.
  std::shared_ptr<const ObjectProps> object;

  const ObjectProps& props() const {
    static const ObjectProps kNoProps;
    return object ? *object : kNoProps;
  }
};

enum class LoopKind : std::uint8_t {
  For, ForOf, ForIn, ForAwait, While, DoWhile,  // statement loops
  ArrayCallback,                                // xs.map(fn), xs.forEach(fn), Array.from(xs, fn), ...
};

struct Loop {
  LoopKind kind = LoopKind::For;
  Span header;                 // the loop statement's head, or the array method call
  Name method;                 // ArrayCallback: map, forEach, ...
  FunctionId function = kNone; // the function containing the loop (for callbacks: the callback itself)
  LoopId parent = kNone;       // enclosing loop in the same or an enclosing iteration
  bool in_promise_combinator = false;  // the array call is an argument of Promise.all/allSettled/any/race
  bool literal_iterable = false;       // iterates a short literal array: `for (const t of ['a', 'b'])`
  // A loop whose exit depends on what its queries return (cursor pagination), or a short bounded retry, runs a
  // query per page or per attempt by design: these let rules tell them apart.
  bool small_bound = false;            // `for (let i = 0; i < 3; i++)`: a small numeric literal bound
  bool has_exit = false;               // a `break`/`return` in its body (not in nested loops or functions)
  FactList<SymbolId> exit_symbols;  // symbols read by its condition and by conditions guarding a break/return
  Span body;
};

// `globalThis.prisma = prisma`, `global.db ??= x`: a value cached on the global object.
struct GlobalStore {
  Span span;
  Name property;
  FactList<ValueRef> values;  // values[0] is the object stored into; the rest are the stored values
};

struct Call {
  // (Ordered so that the struct has no padding, the flags packed in bits: a 2M-line project has 700,000 calls.)
  Span span;              // the whole call, from the callee's first character
  Span callee_span;       // the callee expression (what text output underlines)
  ValueRef callee;        // the function called: root plus member path, e.g. prisma + [user, findMany]
  FunctionId function = kNone;  // enclosing function
  LoopId loop = kNone;          // innermost loop whose every iteration runs this call
  SymbolId result = kNone;  // `const x = await call()`, `x = a ?? call()`: the variable holding the result
  CallId argument_of = kNone;    // the call this one is an argument of: `drizzle(postgres(url))`
  FactList<Argument> args;
  FactList<CallString> strings;  // string/template arguments and the tagged template, in order
  bool awaited : 1 = false;
  bool tagged_template : 1 = false;
  bool construct : 1 = false;  // `new X(...)` rather than a call
  bool chained : 1 = false;    // its result is the receiver of a further member call: `a.b().c()` for `a.b()`
  bool at_module_scope : 1 = false;  // runs when the module loads (not inside any function)
  // Where it sits in try statements of its own function: inside a `finally` block, a `catch` block, a `try` block.
  bool in_finally : 1 = false;
  bool in_catch : 1 = false;
  bool in_try : 1 = false;
  bool stored_globally : 1 = false;  // `globalThis.prisma = new PrismaClient()`
  // Its arguments use a set operator (`{ id: { in: ids } }`, `$in`, `hasSome`, `inArray(...)`, SQL `= ANY(`,
  // `IN (`): one query for a whole batch.
  bool batched : 1 = false;
  bool result_escapes : 1 = false;  // the result is returned or passed straight into another call
};

struct FileFacts {
  // Holds the lists of these facts once they are final (see compact()). First, so that it is destroyed last.
  std::shared_ptr<Arena> arena;
  std::string path;  // relative to the project root
  std::string language;
  std::vector<Symbol> symbols;
  std::vector<Export> exports;
  std::vector<Function> functions;
  std::vector<Class> classes;
  std::vector<Loop> loops;
  std::vector<Call> calls;
  std::vector<GlobalStore> global_stores;
  std::vector<Name> required_modules;  // `require('m')` and `import('m')` specifiers
  std::vector<ConnectionUrl> connection_urls;  // connection strings written in string literals
  // File-level traits the rules need.
  bool shebang = false;           // starts with `#!`: run as a program
  bool top_level_await = false;   // ES module script
  bool require_main = false;      // `require.main === module`
  bool edge_runtime = false;      // `export const runtime = 'edge'` (Next.js edge, Vercel edge functions)
  std::vector<Notice> notices;
};

// Moves every list into the facts' own arena, exactly sized (facts are built by appending on the heap, then kept
// for the whole run).
void compact(FileFacts& facts);

}  // namespace connlint::facts
