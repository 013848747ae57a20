#pragma once
// FileFacts: the small, language-neutral record a front end extracts from one file. Everything after the front end
// (the project index, the rules) works on these records, never on syntax trees, so facts can be computed in
// parallel, cached, and merged across machines.
#include <cstdint>
#include <string>
#include <vector>

#include "core/location.h"
#include "core/notice.h"

namespace connlint::facts {

using SymbolId = std::int32_t;    // index into FileFacts::symbols
using FunctionId = std::int32_t;  // index into FileFacts::functions
using LoopId = std::int32_t;      // index into FileFacts::loops
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
  SymbolId symbol = kNone;         // root symbol, when the root resolves inside this file
  std::string global;              // root name when it does not
  std::vector<std::string> steps;
  bool known() const { return symbol != kNone || !global.empty(); }
};

enum class SymbolKind : std::uint8_t { Variable, Parameter, Function, Class, Import };

struct Symbol {
  std::string name;
  SymbolKind kind = SymbolKind::Variable;
  FunctionId function = kNone;  // the function whose scope declares it (kNone: module scope)
  Span span;
  // Variables: the values it may hold (initializer and assignments; `a ?? b` and `c ? a : b` give several).
  std::vector<ValueRef> values;
  // Variables bound by destructuring `const { user } = prisma`: the property read from each value.
  std::string destructured_from;
  // Imports: the module specifier and the imported name ("default", "*" for a namespace import, or a name).
  std::string import_source;
  std::string import_name;
  // Functions: the FileFacts::functions entry of its body.
  FunctionId body = kNone;
  // Parameters and variables: the declared type's text (`PrismaClient`, `Prisma.TransactionClient`).
  std::string type_annotation;
  bool exported = false;
};

// `export const x`, `export { a as b }`, `export default x`, `export * from './m'`, `export { x } from './m'`.
struct Export {
  std::string name;          // exported name ("default" for default exports, "*" for export-all)
  SymbolId symbol = kNone;   // the local symbol, when it is local
  ValueRef value;            // `export default <expr>` that is not a plain symbol
  std::string from_source;   // re-exports
  std::string from_name;
};

struct Function {
  std::string name;  // declared or inferred name ("" for anonymous callbacks)
  FunctionId parent = kNone;
  Span span;
  bool is_async = false;
};

enum class LoopKind : std::uint8_t {
  For, ForOf, ForIn, ForAwait, While, DoWhile,  // statement loops
  ArrayCallback,                                // xs.map(fn), xs.forEach(fn), Array.from(xs, fn), ...
};

struct Loop {
  LoopKind kind = LoopKind::For;
  Span header;                 // the loop statement's head, or the array method call
  std::string method;          // ArrayCallback: map, forEach, ...
  FunctionId function = kNone; // the function containing the loop (for callbacks: the callback itself)
  LoopId parent = kNone;       // enclosing loop in the same or an enclosing iteration
  bool in_promise_combinator = false;  // the array call is an argument of Promise.all/allSettled/any/race
  bool literal_iterable = false;       // iterates a short literal array: `for (const t of ['a', 'b'])`
};

struct Call {
  Span span;              // the whole call, from the callee's first character
  Span callee_span;       // the callee expression (what text output underlines)
  ValueRef callee;        // the function called: root plus member path, e.g. prisma + [user, findMany]
  FunctionId function = kNone;  // enclosing function
  LoopId loop = kNone;          // innermost loop whose every iteration runs this call
  bool awaited = false;
  bool tagged_template = false;
  bool construct = false;  // `new X(...)` rather than a call
};

struct FileFacts {
  std::string path;  // relative to the project root
  std::string language;
  std::vector<Symbol> symbols;
  std::vector<Export> exports;
  std::vector<Function> functions;
  std::vector<Loop> loops;
  std::vector<Call> calls;
  std::vector<Notice> notices;
};

}  // namespace connlint::facts
