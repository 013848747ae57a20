#pragma once
// Is an acquired handle (a connection, a pool checkout, a query result) released on every path? Decided on the
// function's CFG, in the spirit of the Clang Static Analyzer's resource checkers:
//
//        acquire ──► Tracked(var) ──┬─ close call / delete ─────────────► Released
//           │                       ├─ returned, stored, moved to owner ─► Escaped
//           │                       ├─ null on this branch ──────────────► (nothing to release)
//           │                       ├─ exit(), abort() ──────────────────► (the process ends)
//           │                       └─ function exit / overwrite ────────► Leaked (the path's exit is reported)
//           ├─ into a smart pointer / RAII object ──► Owned (WrongDeleter when it would `delete` a C handle)
//           ├─ returned, stored in a member or global ──► Escaped
//           └─ not kept at all (`PQexec(conn, "BEGIN");`) ──► Discarded
#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include <clang/Analysis/CFG.h>

#include <map>

#include "cpp/ast_util.h"
#include "cpp/library_model.h"
#include "facts/cpp_facts.h"

namespace connlint::cpp {

struct AcquireCandidate {
  const clang::Expr* expr = nullptr;  // the acquiring CallExpr / CXXNewExpr
  const HandleKind* kind = nullptr;
  int out_arg = -1;
  bool null_on_failure = false;  // a non-zero status from the call means there is nothing to release
  facts::CppAcquire fact;  // span, callee, library, role, release and function already filled in
};

class HandleFlow {
 public:
  HandleFlow(clang::ASTContext& context, const LibraryModel& model, const Spans& spans, const ProjectFiles& project,
             const clang::Stmt* body, const clang::CFG* cfg);
  ~HandleFlow();
  // Fills candidate.fact.verdict (and variable, exit, exit_kind).
  void decide(AcquireCandidate& candidate);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace connlint::cpp
