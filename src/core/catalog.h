#pragma once
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "facts/name.h"

namespace connlint {

// Library knowledge as data (format: docs/catalogs.md): what each database client library's module names are, how
// a pooled client is made, which calls on its handles are queries, which acquire, release, close or open a
// transaction. Loaded from rules/libraries/*.json (built in) plus any catalog files a user adds, so supporting an
// in-house wrapper needs no recompiling.

// A call pattern relative to a handle: member names, `*`, `{a,b}`, `()` and `**` steps (see docs/catalogs.md).
using Pattern = std::vector<std::string>;

Pattern parse_pattern(std::string_view text);
bool match_pattern(const Pattern& pattern, const std::vector<std::string>& path);
bool match_pattern(const Pattern& pattern, const std::vector<facts::Name>& path);
// A builder pattern (ending in `**`) matches only the outermost call of a chain.
inline bool is_builder_pattern(const Pattern& p) { return !p.empty() && p.back() == "**"; }

struct LibraryConstructor {
  std::string export_path;  // member path inside the module, '.'-separated ("Pool"; "" = the module itself)
  bool uses_new = true;     // `new X()` rather than `X()`
  std::string handle;       // the kind of handle it makes
};

struct HandleKind {
  // false: making this kind is not a pooled client construction (neon's HTTP `neon(url)`), though its queries
  // still count for query-in-loop.
  bool pooled = true;
  std::vector<std::string> types;  // annotated types that denote this kind ("PrismaClient", "Prisma.TransactionClient")
  std::vector<Pattern> queries;
  std::vector<std::pair<Pattern, std::string>> returns;  // calls whose result is another kind of handle
  std::vector<std::string> close;    // methods that close the handle for good
  std::vector<std::string> release;  // methods that give a checked-out connection back
};

struct AcquireSpec {
  std::string handle;  // the pool kind it is called on
  Pattern call;
  std::vector<std::string> release;
  bool session = false;
};

struct TransactionSpec {
  std::string handle;
  Pattern call;
  int callback_arg = -1;  // -1: unmanaged (no callback)
  std::string tx_handle;  // kind of the callback's first parameter ("" if it is not a handle)
  int options_arg = -1;
  std::vector<std::string> timeout_keys;
  double default_timeout_ms = 0;
};

struct ModelBase {
  std::string export_path;  // `class User extends Model` makes User a handle of kind `handle`
  std::string handle;
};

struct Library {
  std::string id;
  std::string display_name;
  std::string language;
  std::vector<std::string> modules;
  std::vector<std::string> module_suffixes;
  bool pooled = true;  // false: not a pooled DB connection (HTTP clients): nothing is reported for it
  bool slow = false;   // slow non-DB work (HTTP, files, processes, timers): slow-io.json
  std::vector<std::string> globals;  // slow libraries: global functions (`fetch`)
  std::vector<LibraryConstructor> constructors;
  std::map<std::string, HandleKind> handles;
  std::vector<AcquireSpec> acquire;
  std::vector<TransactionSpec> transactions;
  std::vector<ModelBase> model_bases;
  std::string batching;  // how to batch N queries into one, for query-in-loop messages
};

class Catalog {
 public:
  // The libraries compiled into connlint.
  static Catalog builtin();
  // Adds one catalog file's libraries; throws std::runtime_error naming the file on a malformed file.
  void add(std::string_view file_name, std::string_view json_text);

  const std::vector<Library>& libraries() const { return libraries_; }
  const Library* library_for_module(std::string_view specifier) const;
  // The slow-work library that provides a global function (`fetch`), if any.
  const Library* library_for_global(std::string_view name) const;
  // C/C++ catalogs (`"language": "cpp"`): kept as text for the C++ front end, which has its own model of them
  // (src/cpp/library_model.h). Pairs of file name and JSON text.
  const std::vector<std::pair<std::string, std::string>>& cpp_catalogs() const { return cpp_catalogs_; }

 private:
  std::vector<Library> libraries_;
  std::vector<std::pair<std::string, std::string>> cpp_catalogs_;
};

}  // namespace connlint
