#pragma once
#include <map>
#include <tuple>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/location.h"
#include "facts/config_facts.h"
#include "facts/file_facts.h"

namespace connlint::index {

using FileId = std::int32_t;

// What a value is, as far as connections go.
struct Resolved {
  enum class Kind {
    Unknown,        // not traceable to a database library or a project function
    LibraryExport,  // something a library module exports (`PrismaClient`, the `pg` module, `axios.get`)
    Namespace,      // `import * as db from './db'`: a project module's exports
    Handle,         // a database handle (a client, a pool, a checked-out connection, a transaction)
    Function,       // a function of the project
    Class,          // a class of the project (the constructor)
    Instance,       // an instance of a project class
  };
  Kind kind = Kind::Unknown;
  const Library* library = nullptr;
  facts::Name handle_kind;        // Handle: the catalog's handle kind ("client")
  std::vector<facts::Name> path;  // LibraryExport: path inside the module; Handle: member path after the handle
  FileId file = -1;               // Handle: where it was made; others: the file of the function/class/module
  std::int32_t id = facts::kNone; // Function: FunctionId; Class/Instance: ClassId
  // Handle: where it was made (the construction, or the declaration that holds it); -1 when not known.
  FileId origin_file = -1;
  facts::Span origin_span;

  bool is_handle() const { return kind == Kind::Handle; }
};

// What a call does, decided once per call from the catalogs and the resolved callee.
struct CallInfo {
  enum class Kind { Other, Query, Construct, Transaction, Acquire, Close, Release, Slow, Local };
  Kind kind = Kind::Other;
  const Library* library = nullptr;
  facts::Name handle_kind;       // Query/Close/Release: the receiver's kind; Construct: the kind made
  const TransactionSpec* transaction = nullptr;
  const AcquireSpec* acquire = nullptr;
  FileId target_file = -1;       // Local: the function called
  facts::FunctionId target_function = facts::kNone;
  facts::SymbolId receiver = facts::kNone;  // Close/Release/Query: the local symbol the method is called on
  bool wraps_handle = false;     // Construct: one of its arguments is already a handle (`drizzle(pool)`)
};

// All files' facts joined: modules resolved to files, values traced to database handles across files, calls
// classified. Built once; read by every rule.
class ProjectIndex {
 public:
  // What a file is for, which decides what rules expect of it.
  enum class Role { App, Script, Test };

  struct File {
    facts::FileFacts facts;
    bool reported = true;  // false for files read only to resolve imports (no findings are reported in them)
    // Read as the rest of a checked file's package (a pre-commit hook, an editor): not reported, but evidence of how
    // the project runs (its request handlers, its connection strings), as it would be in a run over everything.
    bool package_context = false;
    std::map<std::string, std::optional<FileId>> imports;  // specifier -> file, resolved when the index is built
    Role role = Role::App;
    bool nextjs = false;   // part of a Next.js project (hot reloads in development)
    std::string package;   // the package (nearest package.json directory) it belongs to
  };

  ProjectIndex(std::vector<File> files, const Catalog& catalog, std::vector<facts::ConfigFacts> config_files = {});

  const std::vector<File>& files() const { return files_; }
  // The configuration files checked (.env, schema.prisma, compose/Kubernetes YAML), for the pool-config rules.
  const std::vector<facts::ConfigFacts>& config_files() const { return config_files_; }
  const Catalog& catalog() const { return catalog_; }

  // Traces a value written in `file` back to its origin.
  Resolved resolve(FileId file, const facts::ValueRef& value) const;
  Resolved resolve_symbol(FileId file, facts::SymbolId symbol) const;

  const CallInfo& call(FileId file, facts::CallId call) const { return call_infos_[call_slot_[file][call]]; }
  // The function whose execution runs `fn`'s body: itself, or the enclosing function for callbacks that run inline
  // (array callbacks, `.then/.catch/.finally`, `new Promise` executors, transaction callbacks).
  facts::FunctionId owner(FileId file, facts::FunctionId fn) const;

  Location location(FileId file, const facts::Span& span) const;
  // The nearest named enclosing function of a function ("" at module scope).
  std::string function_name(FileId file, facts::FunctionId fn) const;
  // Dotted text of a value as written (`prisma.user.findMany`).
  std::string value_text(FileId file, const facts::ValueRef& value) const;

 private:
  Resolved resolve_value(FileId file, const facts::ValueRef& value, int depth) const;
  Resolved resolve_symbol(FileId file, facts::SymbolId symbol, int depth) const;
  Resolved resolve_export(FileId file, const std::string& name, int depth) const;
  Resolved resolve_import(FileId file, const std::string& source, const std::string& name, int depth) const;
  Resolved resolve_type(FileId file, const facts::ValueRef& type, int depth) const;
  Resolved resolve_parameter(FileId file, const facts::Symbol& symbol, int depth) const;
  Resolved function_result(FileId file, facts::FunctionId fn, int depth) const;
  Resolved instance_of(FileId file, facts::ClassId cls, int depth) const;
  Resolved member_of_instance(FileId file, facts::ClassId cls, const std::string& member, int depth) const;
  Resolved member_of_instance_uncached(FileId file, facts::ClassId cls, const std::string& member, int depth) const;
  Resolved class_value(FileId file, facts::ClassId cls, int depth) const;
  Resolved apply_step(Resolved base, const std::string& step, FileId file, int depth) const;
  Resolved best_of(FileId file, std::span<const facts::ValueRef> values, int depth) const;
  CallInfo classify(FileId file, const facts::Call& call) const;

  std::vector<File> files_;
  std::vector<facts::ConfigFacts> config_files_;
  const Catalog& catalog_;
  // Each call's CallInfo, as a slot in call_infos_, where slot 0 is the blank info (Kind::Other) most calls get: a
  // CallInfo per call of a 2M-line project would take 56 bytes each, 37 MB in all.
  std::vector<CallInfo> call_infos_{CallInfo{}};
  std::vector<std::vector<std::uint32_t>> call_slot_;
  std::vector<std::vector<facts::FunctionId>> owner_;
  // Memoised resolutions, per file and per symbol / function (vectors: these are looked up millions of times).
  // A memo is 8 bytes and names its result in resolved_, where slot 0 is the blank result most symbols get: a
  // memo per symbol of a 2M-line project would otherwise take a Resolved (72 bytes) each.
  struct Memo {
    std::uint32_t slot = 0;
    enum : std::uint8_t { Unknown, InProgress, Done } state = Unknown;
  };
  void remember(Memo& memo, const Resolved& value) const;
  const Resolved& remembered(const Memo& memo) const { return resolved_[memo.slot]; }
  mutable std::vector<Resolved> resolved_{Resolved{}};
  mutable std::vector<std::vector<Memo>> symbol_memo_;
  mutable std::vector<std::vector<Memo>> return_memo_;
  // Class members, keyed by (file, class, member): fields reassigned from themselves in several methods
  // (`this.items = this.items.filter(...)`) would otherwise be re-resolved exponentially.
  mutable std::map<std::tuple<FileId, facts::ClassId, std::string>, Memo> member_memo_;
};

}  // namespace connlint::index
