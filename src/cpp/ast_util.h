#pragma once
// Small helpers over Clang's AST shared by the extractor and the CFG analyses.
#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ExprCXX.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cpp/library_model.h"
#include "facts/file_facts.h"

namespace connlint::cpp {

// Source positions as facts store them: file locations (a macro argument where it is written, a macro body where
// the macro is used), 1-based lines and byte columns, exclusive end.
class Spans {
 public:
  explicit Spans(const clang::ASTContext& context) : context_(context), sm_(context.getSourceManager()) {}
  facts::Span of(clang::SourceRange range) const;
  facts::Span of(clang::SourceLocation begin, clang::SourceLocation end) const { return of({begin, end}); }
  // From `begin` up to the end of the token at `last_token`.
  bool in_main_file(clang::SourceLocation loc) const;
  const clang::SourceManager& sm() const { return sm_; }
  // The source text of a range ("" when it spans macro boundaries or files).
  std::string text(clang::SourceRange range) const;

 private:
  const clang::ASTContext& context_;
  const clang::SourceManager& sm_;
};

// Looks through implicit casts, parentheses, explicit casts (`(redisReply *)redisCommand(...)`), temporaries and
// cleanups.
const clang::Expr* strip(const clang::Expr* e);

// The qualified name of a record and of all its bases ("pqxx::transaction<...>" gives "pqxx::transaction",
// "pqxx::internal::basic_transaction", "pqxx::dbtransaction", "pqxx::transaction_base", ...).
std::vector<std::string> class_chain(const clang::CXXRecordDecl* record);
// The same for a type, looking through references, pointers, cv-qualifiers, typedefs and, when
// `through_smart_pointers`, std::shared_ptr/std::unique_ptr.
std::vector<std::string> type_chain(clang::QualType type, bool through_smart_pointers = false);
// A C record type's name through pointers and typedefs: `PGconn *` gives "pg_conn".
std::string record_name(clang::QualType type);

// What a function is, for catalog lookups: its name and scopes (namespace, or class and bases).
Callee callee_of(const clang::FunctionDecl* fn);

// The variable an expression names: `conn`, `&conn`, `std::move(conn)` give conn's VarDecl (else null).
const clang::VarDecl* named_variable(const clang::Expr* e, bool through_address_of = true);

// Is this a local variable with automatic storage (not static, not a global, not a member)?
bool is_automatic_local(const clang::VarDecl* v);

// Which declarations belong to the project being analysed (rather than to the standard library or an installed
// library, even one included with -I such as /usr/include/postgresql): those written in a file under the project
// root that is not a system header. Caches per file.
class ProjectFiles {
 public:
  ProjectFiles(const clang::SourceManager& sm, std::string root);
  bool owns(const clang::Decl* d) const;

 private:
  const clang::SourceManager& sm_;
  std::string root_;  // with a trailing '/'
  mutable std::map<unsigned, bool> by_file_;
};

// A USR for cross-TU identity ("" when Clang cannot make one).
std::string usr_of(const clang::Decl* d);

// Integer value of a constant expression (`0`, `false`, `kRetries`), if it is one.
std::optional<long long> constant_int(const clang::Expr* e, const clang::ASTContext& context);

}  // namespace connlint::cpp
