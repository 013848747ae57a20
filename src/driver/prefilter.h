#pragma once
// The pre-pass that decides which TS/JS files need a full parse. Most of a web app (UI components, pure helpers) can
// neither hold a database handle nor lead to code that does; parsing them is most of a cold run's cost and changes no
// finding. A lexical scan of every file finds its import specifiers and any database connection URL; a file is parsed
// when it imports a database library, writes a connection URL, or imports (transitively) a file that does. Files those
// parsed files import are still parsed afterwards, as the import-following step always did (helpers they call), so what
// the rules see of the code that matters is unchanged.
//
// The scan over-approximates: it reads string literals after `from`, `import`, `require(` and `import(` anywhere,
// comments included, so a file is never skipped for an import the parser would have seen. An import of a database
// library counts when it can bind something that makes or names a handle: a constructor, a handle type or a model base
// of the library's catalog entry (`PrismaClient`, `Pool`, `Prisma` of `Prisma.TransactionClient`), or the whole module;
// `import type { User } from '@prisma/client'` (a model's type) cannot.
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "index/module_resolver.h"

namespace connlint {

struct ScannedImport {
  std::string specifier;
  // The names bound from it (`import { Pool, type PoolClient } from 'pg'` -> Pool, PoolClient), or the whole module: a
  // default or namespace import, `require()`, `import()`, `export * from`, or a clause not understood.
  std::vector<std::string> names;
  bool whole_module = false;
};

struct ImportScan {
  std::vector<ScannedImport> imports;  // in order of appearance, one per specifier
  bool database_url = false;           // a `postgres://...` (any scheme of config/connection_url.h)
};

// The lexical scan of one file's text.
ImportScan scan_imports(std::string_view text);

struct PrefilterInput {
  std::filesystem::path cwd;
  std::vector<std::string> files;  // the TS/JS files that would be parsed (relative to cwd)
  std::uint64_t max_file_bytes = 0;
  const std::map<std::string, std::string>* overrides = nullptr;
  unsigned jobs = 1;
  // Files outside `files` that imports lead to are scanned too (so that a checked file importing a database module from
  // elsewhere still counts), up to this many.
  std::size_t max_context_files = 0;
  // Also look for possible request handlers (PrefilterResult::entry_points): only checks of a few files need them.
  bool find_entry_points = false;
};

struct PrefilterResult {
  // Of `files`: parse these (files that could not be read are included: parsing reports why, as before).
  std::set<std::string> needed;
  // Of `needed`: the files that use a database library or write a connection URL themselves, not only through what they
  // import. As context for a few checked files (a pre-commit hook), only these matter beyond what the checked files
  // import: they are the other modules that build clients.
  std::set<std::string> direct;
  // Of `files`: those that may define a request handler or serverless entry point (rules/rule_util.h): as context, they
  // tell whether the project runs as a web app or serverless functions.
  std::set<std::string> entry_points;
  // Of `direct`: those that may build a client (bind a constructor or a whole library module) or write a connection
  // URL, rather than only name a handle's type.
  std::set<std::string> may_construct;
};

PrefilterResult prefilter(const PrefilterInput& input, const Catalog& catalog, index::ModuleResolver& resolver);

}  // namespace connlint
