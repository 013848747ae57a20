#pragma once
// Which calls run, and which loops start, while a transaction is open: a forward walk over the function's CFG from
// the statement that opens it (a `pqxx::work` declaration, `BEGIN`, `mysql_autocommit(m, 0)`) that stops at what
// ends it (commit/abort, `COMMIT`/`ROLLBACK`, the transaction object's destructor at the end of its scope). This
// is the Clang Static Analyzer's BlockInCriticalSection idea with a transaction in place of a lock.
#include <clang/AST/Decl.h>
#include <clang/AST/Stmt.h>
#include <clang/Analysis/CFG.h>

#include <map>
#include <set>

#include "cpp/library_model.h"
#include "facts/cpp_facts.h"

namespace connlint::cpp {

struct TransactionCandidate {
  facts::CppTransaction fact;              // kind, span, what, library and function already filled in
  const clang::Stmt* opener = nullptr;      // Sql/Call: the opening call
  const clang::VarDecl* object = nullptr;   // Object: the transaction variable
  const TransactionSpec* spec = nullptr;    // Object/Call: the catalog entry (its `end` methods)
};

struct ScopeMaps {
  const std::map<const clang::Stmt*, facts::CppCallId>& calls;  // call sites the facts record
  const std::map<const clang::Stmt*, facts::CppLoopId>& loops;  // loop statements and algorithm calls
  const std::set<const clang::Stmt*>& ends;                      // Sql/Call: statements that end a transaction
};

// Fills candidate.fact.calls and .loops.
void decide_scope(const clang::CFG& cfg, const ScopeMaps& maps, TransactionCandidate& candidate);

}  // namespace connlint::cpp
