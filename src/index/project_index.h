#pragma once
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/catalog.h"
#include "core/location.h"
#include "facts/file_facts.h"

namespace connlint::index {

using FileId = std::int32_t;

// What a value is, as far as connections go.
struct Resolved {
  enum class Kind {
    Unknown,        // not traceable to a database library
    LibraryExport,  // something a library module exports (`PrismaClient`, the `pg` module)
    Namespace,      // `import * as db from './db'`: a project module's exports
    Handle,         // a database handle (a client, a pool, a checked-out connection)
  };
  Kind kind = Kind::Unknown;
  const Library* library = nullptr;
  std::string handle_kind;          // Handle: the catalog's handle kind ("client")
  std::vector<std::string> path;    // LibraryExport: path inside the module; Handle: member path after the handle
  FileId file = -1;                 // Handle: where it was made; Namespace: the module
  Location origin;                  // Handle: the construction
};

// All files' facts joined: modules resolved to files, values traced to database handles across files.
class ProjectIndex {
 public:
  struct File {
    facts::FileFacts facts;
    bool reported = true;  // false for files read only to resolve imports (no findings are reported in them)
    std::map<std::string, std::optional<FileId>> imports;  // specifier -> file, resolved when the index is built
  };

  ProjectIndex(std::vector<File> files, const Catalog& catalog);

  const std::vector<File>& files() const { return files_; }
  const Catalog& catalog() const { return catalog_; }

  // Traces a value written in `file` back to its origin.
  Resolved resolve(FileId file, const facts::ValueRef& value) const;
  Resolved resolve_symbol(FileId file, facts::SymbolId symbol) const;

  Location location(FileId file, const facts::Span& span) const;

 private:
  Resolved resolve_export(FileId file, const std::string& name, int depth) const;
  Resolved resolve_import(FileId file, const facts::Symbol& symbol, int depth) const;
  Resolved resolve_value(FileId file, const facts::ValueRef& value, int depth) const;
  Resolved resolve_symbol(FileId file, facts::SymbolId symbol, int depth) const;
  Resolved apply_steps(Resolved base, const std::vector<std::string>& steps, std::size_t first, FileId file,
                       const facts::ValueRef& value, int depth) const;

  std::vector<File> files_;
  const Catalog& catalog_;
  mutable std::map<std::pair<FileId, facts::SymbolId>, Resolved> symbol_cache_;
  mutable std::map<std::pair<FileId, facts::SymbolId>, bool> in_progress_;
};

}  // namespace connlint::index
