#pragma once
// What connlint knows about C and C++ database client libraries, loaded from the `"language": "cpp"` catalogs under
// rules/libraries/ (format: docs/catalogs.md, "C and C++ catalogs"). The front end asks it what a call or a type
// is; it knows names, never syntax, so this header carries no Clang types.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace connlint {
class Catalog;
}

namespace connlint::cpp {

// A function or method name: `::`-separated scopes, then the name, which may be a set `{a,b,c}`.
//   "PQexec"                                   a C function (global scope)
//   "pqxx::transaction_base::{exec,exec0}"     methods of that class or of a class derived from it
//   "std::this_thread::{sleep_for,sleep_until}"
struct NamePattern {
  std::string scope;               // "" = the global namespace
  std::vector<std::string> names;  // alternatives
};
NamePattern parse_name_pattern(std::string_view text);  // throws std::invalid_argument on a malformed pattern

// What is being called, as the front end sees it.
struct Callee {
  std::string name;                  // unqualified: "exec", "PQexec", "operator<<"
  std::vector<std::string> scopes;   // the enclosing namespace, or the class and all its base classes, qualified
};

enum class HandleRole : std::uint8_t { Connection, Pool, Checkout, Result, Transaction };

struct HandleKind {
  std::string name;
  HandleRole role = HandleRole::Connection;
  std::vector<std::string> types;  // C record names / C++ classes (a class derived from one counts)
  std::vector<std::string> close;  // functions it is passed to, methods called on it, or "delete"
  bool self_closing = false;       // RAII: its destructor releases it
};

struct AcquireSpec {
  NamePattern call;
  std::string handle;
  int out_arg = -1;  // the handle is written through this argument (`sqlite3_open(path, &db)`), or initialised in
                     // place when it is `&local` (`mysql_init(&mysql)`)
  // A failing call (a non-zero status, C's convention) leaves nothing to release (`sqlite3_prepare_v2`,
  // `redisGetReply`); unlike `sqlite3_open`, whose handle exists even when opening fails.
  bool null_on_failure = false;
};

struct QuerySpec {
  NamePattern call;
  int sql_arg = -1;  // which argument holds the SQL text (-1: none)
};

struct TransactionSpec {
  std::string type;                 // a transaction class (pqxx::dbtransaction): open from construction
  NamePattern begin;                // or a call that opens one
  int begin_arg = -1;               // ... only when this argument is the constant begin_value
  long long begin_value = 0;
  std::vector<NamePattern> end;     // calls (or methods on the object) that end it
};

struct CppLibrary {
  std::string id;
  std::string display_name;
  std::vector<std::string> modules;  // headers
  bool pooled = true;
  std::string sql_dialect;           // "postgresql", "mysql", "sqlite", ""
  std::map<std::string, HandleKind> handles;
  std::vector<AcquireSpec> acquire;
  std::vector<QuerySpec> queries;
  std::vector<TransactionSpec> transactions;
  std::string batching;              // query-in-loop hint
  // slow-io-cpp.json: functions (`globals`) and classes (`types`, e.g. std::basic_ifstream) that do slow work.
  bool slow = false;
  std::vector<NamePattern> slow_calls;
  std::vector<std::string> slow_types;
  // Request handlers of HTTP/RPC frameworks: a function taking one of these types handles a request.
  std::vector<std::string> request_types;
};

class LibraryModel {
 public:
  LibraryModel() = default;
  // The `language: cpp` catalogs held by `catalog` (built-in plus any added with --catalog).
  static LibraryModel from_catalog(const Catalog& catalog);
  // Adds one catalog file; throws std::runtime_error naming the file when it is malformed.
  void add(std::string_view file_name, std::string_view json_text);

  const std::vector<CppLibrary>& libraries() const { return libraries_; }
  const CppLibrary* library(std::string_view id) const;

  template <class Spec>
  struct Match {
    const CppLibrary* library = nullptr;
    const Spec* spec = nullptr;
    explicit operator bool() const { return spec != nullptr; }
  };
  Match<AcquireSpec> acquire(const Callee& callee) const;
  Match<QuerySpec> query(const Callee& callee) const;
  Match<TransactionSpec> transaction_begin(const Callee& callee) const;
  bool slow_call(const Callee& callee) const;

  // Handle kinds by type: `classes` is a type's qualified class name followed by its bases.
  Match<HandleKind> handle_for_type(const std::vector<std::string>& classes) const;
  Match<TransactionSpec> transaction_type(const std::vector<std::string>& classes) const;
  bool slow_type(const std::vector<std::string>& classes) const;
  bool request_type(const std::vector<std::string>& classes) const;
  // Is `name` (a function, or a method when `method`) a release of `kind`?
  static bool closes(const HandleKind& kind, std::string_view name);
  // Does `callee` end a transaction opened by `spec`?
  static bool ends(const TransactionSpec& spec, const Callee& callee);
  // Cheap pre-filter: could a function with this unqualified name be in any catalog?
  bool known_name(std::string_view name) const { return names_.count(std::string(name)) != 0; }

 private:
  std::vector<CppLibrary> libraries_;
  std::map<std::string, int> names_;  // every unqualified name any pattern mentions
};

bool matches(const NamePattern& pattern, const Callee& callee);

}  // namespace connlint::cpp
