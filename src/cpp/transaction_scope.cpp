#include "cpp/transaction_scope.h"

#include <clang/AST/ExprCXX.h>

#include <algorithm>

#include "cpp/ast_util.h"

namespace connlint::cpp {

using namespace clang;

namespace {

bool is_object_end(const Stmt* s, const TransactionCandidate& c) {
  const auto* member = llvm::dyn_cast<CXXMemberCallExpr>(s);
  if (!member || !c.object || named_variable(member->getImplicitObjectArgument(), false) != c.object) return false;
  const CXXMethodDecl* method = member->getMethodDecl();
  return method && c.spec && LibraryModel::ends(*c.spec, callee_of(method));
}

}  // namespace

void decide_scope(const CFG& cfg, const ScopeMaps& maps, TransactionCandidate& c) {
  // Start right after the opening statement: the object's declaration, or the opening call.
  const CFGBlock* start = nullptr;
  unsigned start_index = 0;
  for (const CFGBlock* block : cfg) {
    unsigned i = 0;
    for (const CFGElement& element : *block) {
      ++i;
      auto s = element.getAs<CFGStmt>();
      if (!s) continue;
      const Stmt* st = s->getStmt();
      bool here = c.object ? (llvm::isa<DeclStmt>(st) && llvm::cast<DeclStmt>(st)->isSingleDecl() &&
                              llvm::cast<DeclStmt>(st)->getSingleDecl() == c.object)
                           : st == c.opener;
      if (here) {
        start = block;
        start_index = i;
        break;
      }
    }
    if (start) break;
  }
  if (!start) return;

  std::set<facts::CppCallId> calls;
  std::set<facts::CppLoopId> loops;
  std::vector<std::pair<const CFGBlock*, unsigned>> stack{{start, start_index}};
  std::set<unsigned> visited;
  while (!stack.empty()) {
    auto [block, index] = stack.back();
    stack.pop_back();
    bool closed = false;
    for (unsigned i = index; i < block->size() && !closed; ++i) {
      const CFGElement& element = (*block)[i];
      if (auto dtor = element.getAs<CFGAutomaticObjDtor>()) {
        if (c.object && dtor->getVarDecl() == c.object) closed = true;
        continue;
      }
      auto s = element.getAs<CFGStmt>();
      if (!s) continue;
      const Stmt* st = s->getStmt();
      if (c.object ? is_object_end(st, c) : (st != c.opener && maps.ends.count(st))) {
        closed = true;
        continue;
      }
      if (auto it = maps.calls.find(st); it != maps.calls.end()) calls.insert(it->second);
      if (auto it = maps.loops.find(st); it != maps.loops.end()) loops.insert(it->second);
    }
    if (closed) continue;
    if (const Stmt* term = block->getTerminatorStmt())
      if (auto it = maps.loops.find(term); it != maps.loops.end()) loops.insert(it->second);
    for (auto succ = block->succ_begin(); succ != block->succ_end(); ++succ) {
      const CFGBlock* b = succ->getReachableBlock();
      if (!b || b == &cfg.getExit()) continue;
      if (visited.insert(b->getBlockID()).second) stack.push_back({b, 0});
    }
  }
  c.fact.calls.assign(calls.begin(), calls.end());
  c.fact.loops.assign(loops.begin(), loops.end());
}

}  // namespace connlint::cpp
