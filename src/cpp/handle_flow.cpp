#include "cpp/handle_flow.h"

#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ParentMap.h>
#include <clang/AST/Stmt.h>
#include <clang/AST/StmtCXX.h>

#include <functional>
#include <set>

namespace connlint::cpp {

using namespace clang;

namespace {

enum class Binding { Track, Escaped, Owned, WrongDeleter, Discarded, Closed };

struct Bound {
  Binding how = Binding::Discarded;
  const VarDecl* var = nullptr;
  const Stmt* at = nullptr;  // the statement that binds var (a DeclStmt, an assignment, or the out-param call)
  std::string via;           // Discarded: the call it is passed to
};

enum class Effect { None, Release, Escape, Overwrite };

bool is_std_move_or_forward(const FunctionDecl* fn) {
  if (!fn || !fn->getDeclName().isIdentifier()) return false;
  auto name = fn->getName();
  if (name != "move" && name != "forward") return false;
  const auto* ns = llvm::dyn_cast<NamespaceDecl>(fn->getDeclContext()->getEnclosingNamespaceContext());
  return ns && ns->isStdNamespace();
}

bool in_std(const FunctionDecl* fn) {
  const DeclContext* ctx = fn->getDeclContext();
  while (ctx && !ctx->isFileContext()) ctx = ctx->getParent();
  const DeclContext* top = ctx;
  while (top && top->getParent() && !top->getParent()->isTranslationUnit()) top = top->getParent();
  const auto* ns = llvm::dyn_cast_or_null<NamespaceDecl>(top);
  return ns && ns->getName() == "std";
}

// A function from a system header that keeps what it is given: a method (`vec.push_back(h)`, `ptr.reset(h)`) or
// a std:: function. C functions only use it (`PQexec(conn, ...)`, `printf("%p", h)`).
bool system_function_keeps_argument(const FunctionDecl* fn) { return llvm::isa<CXXMethodDecl>(fn) || in_std(fn); }

const Expr* null_test_subject(const Expr* cond, bool& true_means_null, const ASTContext& ctx) {
  cond = strip(cond);
  if (!cond) return nullptr;
  if (const auto* u = llvm::dyn_cast<UnaryOperator>(cond); u && u->getOpcode() == UO_LNot) {
    bool inner = false;
    const Expr* subject = null_test_subject(u->getSubExpr(), inner, ctx);
    true_means_null = !inner;
    return subject;
  }
  if (const auto* b = llvm::dyn_cast<BinaryOperator>(cond)) {
    if (b->getOpcode() == BO_EQ || b->getOpcode() == BO_NE) {
      const Expr* l = strip(b->getLHS());
      const Expr* r = strip(b->getRHS());
      auto is_null = [&](const Expr* e) {
        return e && e->isNullPointerConstant(const_cast<ASTContext&>(ctx), Expr::NPC_ValueDependentIsNotNull);
      };
      const Expr* subject = is_null(r) ? l : is_null(l) ? r : nullptr;
      if (!subject) return nullptr;
      true_means_null = b->getOpcode() == BO_EQ;
      return subject;
    }
    if (b->getOpcode() == BO_Assign) {  // `if ((res = PQgetResult(conn)))`
      true_means_null = false;
      return b->getLHS();
    }
    return nullptr;
  }
  true_means_null = false;
  return cond;
}

// Which variable a null test is about: `v`, `(v = f())`.
const VarDecl* tested_variable(const Expr* subject) {
  subject = strip(subject);
  if (const auto* b = llvm::dyn_cast_or_null<BinaryOperator>(subject); b && b->getOpcode() == BO_Assign)
    subject = b->getLHS();
  return named_variable(subject, false);
}

const char* jump_kind(const Stmt* s) {
  if (!s) return "end of function";
  if (llvm::isa<ReturnStmt>(s)) return "return";
  if (llvm::isa<CXXThrowExpr>(s)) return "throw";
  if (llvm::isa<BreakStmt>(s)) return "break";
  if (llvm::isa<ContinueStmt>(s)) return "continue";
  if (llvm::isa<GotoStmt>(s)) return "goto";
  return "reassignment";
}

}  // namespace

struct HandleFlow::Impl {
  ASTContext& ctx;
  const LibraryModel& model;
  const Spans& spans;
  const ProjectFiles& project;
  const Stmt* body;
  const CFG* cfg;
  ParentMap parents;
  std::map<std::pair<const FunctionDecl*, unsigned>, bool> param_cache;

  Impl(ASTContext& c, const LibraryModel& m, const Spans& s, const ProjectFiles& p, const Stmt* b, const CFG* g)
      : ctx(c), model(m), spans(s), project(p), body(b), cfg(g), parents(const_cast<Stmt*>(b)) {}

  // --- what a call does with its arguments ---

  bool closes(const FunctionDecl* fn, const HandleKind& kind) const {
    Callee c = callee_of(fn);
    if (llvm::isa<CXXMethodDecl>(fn)) return false;  // methods: only on the handle itself (see effect())
    return LibraryModel::closes(kind, c.name) && (c.scopes.empty() || c.scopes.front().empty());
  }

  // Does any catalog say this function releases some handle (a project helper calling PQfinish on its parameter)?
  bool closes_any(const FunctionDecl* fn) const {
    Callee c = callee_of(fn);
    if (llvm::isa<CXXMethodDecl>(fn)) return false;
    for (const auto& lib : model.libraries())
      for (const auto& [name, kind] : lib.handles)
        if (LibraryModel::closes(kind, c.name)) return true;
    return false;
  }

  // Does the value of `e` carry `v` (the handle itself, its address, a wrapper or aggregate built from it)?
  bool flows(const Expr* e, const VarDecl* v) const {
    e = strip(e);
    if (!e) return false;
    if (named_variable(e, true) == v) return true;
    if (const auto* c = llvm::dyn_cast<ConditionalOperator>(e))
      return flows(c->getTrueExpr(), v) || flows(c->getFalseExpr(), v);
    if (const auto* c = llvm::dyn_cast<CXXConstructExpr>(e)) {
      for (const Expr* a : c->arguments())
        if (flows(a, v)) return true;
      return false;
    }
    if (const auto* l = llvm::dyn_cast<InitListExpr>(e)) {
      for (const Expr* a : l->inits())
        if (flows(a, v)) return true;
      return false;
    }
    if (const auto* call = llvm::dyn_cast<CallExpr>(e)) {
      const FunctionDecl* fn = call->getDirectCallee();
      if (fn && !project.owns(fn) && !system_function_keeps_argument(fn)) return false;
      for (const Expr* a : call->arguments())
        if (flows(a, v)) return true;
      return false;
    }
    if (const auto* b = llvm::dyn_cast<BinaryOperator>(e); b && b->getOpcode() == BO_Comma)
      return flows(b->getRHS(), v);
    return false;
  }

  // Does a project function release (or keep) its parameter `index`? Only bodies this TU can see; depth-limited.
  bool takes_parameter(const FunctionDecl* fn, unsigned index, int depth) {
    const FunctionDecl* def = nullptr;
    if (!fn->hasBody(def) || !def) return true;  // unknown: it may well take ownership
    if (index >= def->getNumParams()) return true;
    auto key = std::make_pair(def, index);
    if (auto it = param_cache.find(key); it != param_cache.end()) return it->second;
    param_cache[key] = false;  // recursion guard
    const ParmVarDecl* p = def->getParamDecl(index);
    bool taken = false;
    std::function<void(const Stmt*)> walk = [&](const Stmt* s) {
      if (!s || taken) return;
      if (const auto* call = llvm::dyn_cast<CallExpr>(s)) {
        const FunctionDecl* callee = call->getDirectCallee();
        for (unsigned j = 0; j < call->getNumArgs() && !taken; ++j) {
          if (named_variable(call->getArg(j)) != p) continue;
          if (!callee)
            taken = true;
          else if (is_std_move_or_forward(callee))
            continue;
          else if (closes_any(callee))
            taken = true;
          else if (!project.owns(callee))
            taken = system_function_keeps_argument(callee);
          else
            taken = depth >= 3 || takes_parameter(callee, j, depth + 1);
        }
        if (const auto* member = llvm::dyn_cast<CXXMemberCallExpr>(call))
          if (named_variable(member->getImplicitObjectArgument(), false) == p && member->getMethodDecl()) {
            std::string name = member->getMethodDecl()->getNameAsString();
            for (const auto& lib : model.libraries())
              for (const auto& [kname, kind] : lib.handles)
                if (LibraryModel::closes(kind, name)) taken = true;
          }
      } else if (const auto* d = llvm::dyn_cast<CXXDeleteExpr>(s)) {
        if (named_variable(d->getArgument(), false) == p) taken = true;
      } else if (const auto* r = llvm::dyn_cast<ReturnStmt>(s)) {
        if (flows(r->getRetValue(), p)) taken = true;
      } else if (const auto* b = llvm::dyn_cast<BinaryOperator>(s); b && b->isAssignmentOp()) {
        if (flows(b->getRHS(), p)) taken = true;
      } else if (const auto* ds = llvm::dyn_cast<DeclStmt>(s)) {
        for (const Decl* d : ds->decls())
          if (const auto* var = llvm::dyn_cast<VarDecl>(d); var && var->getInit() && flows(var->getInit(), p))
            taken = true;
      } else if (const auto* c = llvm::dyn_cast<CXXConstructExpr>(s)) {
        for (const Expr* a : c->arguments())
          if (flows(a, p)) taken = true;
      } else if (const auto* l = llvm::dyn_cast<LambdaExpr>(s)) {
        for (const auto& capture : l->captures())
          if (capture.capturesVariable() && capture.getCapturedVar() == p) taken = true;
      }
      for (const Stmt* child : s->children()) walk(child);
    };
    walk(def->getBody());
    param_cache[key] = taken;
    return taken;
  }

  // --- where the acquired handle goes ---

  static bool is_wrapper(const Stmt* parent, const Stmt* child) {
    if (llvm::isa<ImplicitCastExpr, ParenExpr, ExplicitCastExpr, ExprWithCleanups, MaterializeTemporaryExpr,
                  CXXBindTemporaryExpr>(parent))
      return true;
    if (const auto* c = llvm::dyn_cast<ConditionalOperator>(parent)) return c->getCond() != child;
    return false;
  }

  Binding smart_pointer(const CXXRecordDecl* record, unsigned args, const HandleKind& kind) const {
    if (!record) return Binding::Owned;
    std::string name = record->getQualifiedNameAsString();
    bool default_delete = false;
    if (name == "std::unique_ptr") {
      const auto* spec = llvm::dyn_cast<ClassTemplateSpecializationDecl>(record);
      if (spec && spec->getTemplateArgs().size() > 1 &&
          spec->getTemplateArgs()[1].getKind() == TemplateArgument::Type) {
        auto chain = type_chain(spec->getTemplateArgs()[1].getAsType());
        default_delete = !chain.empty() && chain.front() == "std::default_delete";
      }
    } else if (name == "std::shared_ptr") {
      default_delete = args == 1;
    } else {
      return Binding::Owned;  // a RAII wrapper of the project's own
    }
    bool deletable = LibraryModel::closes(kind, "delete");
    return default_delete && !deletable ? Binding::WrongDeleter : Binding::Owned;
  }

  Bound bind(const AcquireCandidate& c) {
    const Expr* e = c.expr;
    // Out-parameter: `sqlite3_open(path, &db)`, `mysql_init(&mysql)`.
    if (c.out_arg >= 0) {
      if (const auto* call = llvm::dyn_cast<CallExpr>(e);
          call && static_cast<unsigned>(c.out_arg) < call->getNumArgs()) {
        const Expr* arg = strip(call->getArg(c.out_arg));
        const auto* addr = llvm::dyn_cast<UnaryOperator>(arg);
        if (addr && addr->getOpcode() == UO_AddrOf) {
          const VarDecl* v = named_variable(addr->getSubExpr(), false);
          if (v && is_automatic_local(v)) return {Binding::Track, v, call, ""};
          return {Binding::Escaped};
        }
        if (!arg->isNullPointerConstant(ctx, Expr::NPC_ValueDependentIsNotNull)) return {Binding::Escaped};
      }
    }
    const Stmt* child = e;
    const Stmt* p = parents.getParent(e);
    while (p && is_wrapper(p, child)) {
      child = p;
      p = parents.getParent(p);
    }
    if (!p) return {Binding::Escaped};  // outside the body: a constructor's member initializer
    if (const auto* ds = llvm::dyn_cast<DeclStmt>(p)) {
      for (const Decl* d : ds->decls()) {
        const auto* v = llvm::dyn_cast<VarDecl>(d);
        if (!v || v->getInit() != child) continue;
        if (is_automatic_local(v) && v->getType()->isPointerType()) return {Binding::Track, v, ds, ""};
        return {Binding::Escaped};
      }
      return {Binding::Escaped};
    }
    if (const auto* ctor = llvm::dyn_cast<CXXConstructExpr>(p))
      return {smart_pointer(ctor->getConstructor()->getParent(), ctor->getNumArgs(), *c.kind)};
    if (const auto* member = llvm::dyn_cast<CXXMemberCallExpr>(p);
        member && member->getMethodDecl() && member->getMethodDecl()->getNameAsString() == "reset")
      return {smart_pointer(member->getRecordDecl(), member->getNumArgs(), *c.kind)};
    if (const auto* call = llvm::dyn_cast<CallExpr>(p)) {
      const FunctionDecl* fn = call->getDirectCallee();
      if (!fn) return {Binding::Escaped};
      if (closes(fn, *c.kind)) return {Binding::Closed};
      if (!project.owns(fn))
        return system_function_keeps_argument(fn) ? Bound{Binding::Escaped}
                                                  : Bound{Binding::Discarded, nullptr, call, fn->getNameAsString()};
      return {Binding::Escaped};
    }
    if (const auto* b = llvm::dyn_cast<BinaryOperator>(p); b && b->isAssignmentOp() && b->getRHS() == child) {
      const VarDecl* v = named_variable(b->getLHS(), false);
      if (v && is_automatic_local(v) && v->getType()->isPointerType()) return {Binding::Track, v, b, ""};
      return {Binding::Escaped};
    }
    if (llvm::isa<ReturnStmt, InitListExpr, LambdaExpr, CXXNewExpr, CoreturnStmt>(p)) return {Binding::Escaped};
    return {Binding::Discarded};
  }

  // --- the path search ---

  Effect effect(const Stmt* s, const VarDecl* v, const HandleKind& kind) {
    if (const auto* call = llvm::dyn_cast<CallExpr>(s)) {
      const FunctionDecl* fn = call->getDirectCallee();
      if (const auto* member = llvm::dyn_cast<CXXMemberCallExpr>(call)) {
        if (named_variable(member->getImplicitObjectArgument(), false) == v) {
          const auto* method = member->getMethodDecl();
          return method && LibraryModel::closes(kind, method->getNameAsString()) ? Effect::Release : Effect::None;
        }
      }
      if (fn && is_std_move_or_forward(fn)) return Effect::None;
      for (unsigned i = 0; i < call->getNumArgs(); ++i) {
        if (!flows(call->getArg(i), v)) continue;
        if (!fn) return Effect::Escape;
        if (closes(fn, kind)) return Effect::Release;
        if (!project.owns(fn)) {
          if (system_function_keeps_argument(fn)) return Effect::Escape;
          continue;
        }
        unsigned index = i;
        if (llvm::isa<CXXOperatorCallExpr>(call) && llvm::isa<CXXMethodDecl>(fn)) {
          if (i == 0) continue;  // the object of a member operator
          index = i - 1;
        }
        if (takes_parameter(fn, index, 0)) return Effect::Release;
      }
      return Effect::None;
    }
    if (const auto* d = llvm::dyn_cast<CXXDeleteExpr>(s))
      return named_variable(d->getArgument(), false) == v ? Effect::Release : Effect::None;
    if (const auto* r = llvm::dyn_cast<ReturnStmt>(s))
      return flows(r->getRetValue(), v) ? Effect::Escape : Effect::None;
    if (const auto* b = llvm::dyn_cast<BinaryOperator>(s); b && b->isAssignmentOp()) {
      if (named_variable(b->getLHS(), false) == v)
        return b->getOpcode() == BO_Assign ? Effect::Overwrite : Effect::None;
      return flows(b->getRHS(), v) ? Effect::Escape : Effect::None;
    }
    if (const auto* ds = llvm::dyn_cast<DeclStmt>(s)) {
      for (const Decl* d : ds->decls()) {
        if (d == v) return Effect::Overwrite;
        if (const auto* var = llvm::dyn_cast<VarDecl>(d); var && var->getInit() && flows(var->getInit(), v))
          return Effect::Escape;
      }
      return Effect::None;
    }
    if (const auto* c = llvm::dyn_cast<CXXConstructExpr>(s)) {
      for (const Expr* a : c->arguments())
        if (flows(a, v)) return Effect::Escape;
      return Effect::None;
    }
    if (const auto* l = llvm::dyn_cast<InitListExpr>(s)) {
      for (const Expr* a : l->inits())
        if (flows(a, v)) return Effect::Escape;
      return Effect::None;
    }
    if (const auto* l = llvm::dyn_cast<LambdaExpr>(s)) {
      for (const auto& capture : l->captures())
        if (capture.capturesVariable() && capture.getCapturedVar() == v) return Effect::Escape;
    }
    return Effect::None;
  }

  // For calls that leave nothing to release when they fail: the call and the variable holding its status.
  const Expr* status_call = nullptr;
  const VarDecl* status_var = nullptr;

  bool is_status(const Expr* e) const {
    e = strip(e);
    if (!e) return false;
    if (e == status_call) return true;
    if (const auto* b = llvm::dyn_cast<BinaryOperator>(e); b && b->getOpcode() == BO_Assign)
      return strip(b->getRHS()) == status_call;
    return status_var && named_variable(e, false) == status_var;
  }

  // Does `cond` test the call's status (C's convention: 0 is success)? `true_means_failure` tells which branch fails.
  bool status_test(const Expr* cond, bool& true_means_failure) const {
    cond = strip(cond);
    if (!cond) return false;
    if (const auto* u = llvm::dyn_cast<UnaryOperator>(cond); u && u->getOpcode() == UO_LNot) {
      bool inner = false;
      if (!status_test(u->getSubExpr(), inner)) return false;
      true_means_failure = !inner;
      return true;
    }
    if (const auto* b = llvm::dyn_cast<BinaryOperator>(cond);
        b && (b->getOpcode() == BO_EQ || b->getOpcode() == BO_NE)) {
      for (auto [status, other] : {std::pair{b->getLHS(), b->getRHS()}, std::pair{b->getRHS(), b->getLHS()}}) {
        auto value = constant_int(other, ctx);
        if (!is_status(status) || !value || *value != 0) continue;
        true_means_failure = b->getOpcode() == BO_NE;
        return true;
      }
      return false;
    }
    if (is_status(cond)) {
      true_means_failure = true;
      return true;
    }
    return false;
  }

  // 0: unknown, 1: null, 2: not null. The state after taking successor `index` of `block`.
  int refine(const CFGBlock* block, unsigned index, int state, const VarDecl* v) const {
    const Stmt* cond = block->getTerminatorCondition(false);
    const auto* e = llvm::dyn_cast_or_null<Expr>(cond);
    if (!e || block->succ_size() != 2) return state;
    bool true_means_failure = false;
    if (status_call && status_test(e, true_means_failure)) return (index == 0) == true_means_failure ? 1 : 2;
    bool true_means_null = false;
    const Expr* subject = null_test_subject(e, true_means_null, ctx);
    if (!subject || tested_variable(subject) != v) return state;
    bool taken_true = index == 0;
    return taken_true == true_means_null ? 1 : 2;
  }

  void decide(AcquireCandidate& c) {
    auto& fact = c.fact;
    Bound bound = bind(c);
    switch (bound.how) {
      case Binding::Escaped:
      case Binding::Owned:
      case Binding::Closed:
        fact.verdict = facts::CppReleaseVerdict::Released;
        return;
      case Binding::WrongDeleter:
        fact.verdict = facts::CppReleaseVerdict::WrongDeleter;
        return;
      case Binding::Discarded:
        fact.verdict = facts::CppReleaseVerdict::Discarded;
        fact.exit_kind = bound.via;
        return;
      case Binding::Track:
        break;
    }
    fact.variable = bound.var->getNameAsString();
    fact.verdict = facts::CppReleaseVerdict::Released;
    if (!cfg) return;
    if (c.null_on_failure) {
      status_call = c.expr;
      const Stmt* child = c.expr;
      const Stmt* p = parents.getParent(child);
      while (p && is_wrapper(p, child)) {
        child = p;
        p = parents.getParent(p);
      }
      if (const auto* ds = llvm::dyn_cast_or_null<DeclStmt>(p); ds && ds->isSingleDecl())
        status_var = llvm::dyn_cast<VarDecl>(ds->getSingleDecl());
      if (const auto* b = llvm::dyn_cast_or_null<BinaryOperator>(p); b && b->getOpcode() == BO_Assign)
        status_var = named_variable(b->getLHS(), false);
    }

    // Where the binding statement is in the CFG.
    const CFGBlock* start = nullptr;
    unsigned start_index = 0;
    for (const CFGBlock* block : *cfg) {
      unsigned i = 0;
      for (const CFGElement& element : *block) {
        ++i;
        auto s = element.getAs<CFGStmt>();
        if (!s) continue;
        const Stmt* st = s->getStmt();
        bool same = st == bound.at;
        if (!same && llvm::isa<DeclStmt>(bound.at))
          if (const auto* ds = llvm::dyn_cast<DeclStmt>(st);
              ds && ds->isSingleDecl() && ds->getSingleDecl() == bound.var)
            same = true;
        if (same) {
          start = block;
          start_index = i;
          break;
        }
      }
      if (start) break;
    }
    if (!start) return;

    struct State {
      const CFGBlock* block;
      unsigned index;
      int null_state;
      const Stmt* jump;  // the first return/throw/break/continue/goto on this path
    };
    std::vector<State> stack{{start, start_index, 0, nullptr}};
    std::set<std::pair<unsigned, int>> visited;
    bool released = false, leaked = false;
    const Stmt* leak_at = nullptr;
    std::string leak_kind;
    auto leak = [&](const Stmt* jump, const Stmt* overwrite) {
      if (leaked) return;
      leaked = true;
      leak_at = jump ? jump : overwrite;
      leak_kind = jump_kind(leak_at);
    };
    while (!stack.empty()) {
      State st = stack.back();
      stack.pop_back();
      bool done = false;
      for (unsigned i = st.index; i < st.block->size() && !done; ++i) {
        auto s = (*st.block)[i].getAs<CFGStmt>();
        if (!s) continue;
        const Stmt* stmt = s->getStmt();
        switch (effect(stmt, bound.var, *c.kind)) {
          case Effect::Release:
          case Effect::Escape:
            released = true;
            done = true;
            break;
          case Effect::Overwrite:
            if (st.null_state != 1) leak(st.jump, stmt);
            done = true;
            break;
          case Effect::None:
            if (!st.jump && llvm::isa<ReturnStmt, CXXThrowExpr>(stmt)) st.jump = stmt;
            break;
        }
      }
      if (done || st.block->hasNoReturnElement()) continue;
      const Stmt* term = st.block->getTerminatorStmt();
      if (!st.jump && term && llvm::isa<BreakStmt, ContinueStmt, GotoStmt>(term)) st.jump = term;
      std::vector<State> next;
      unsigned index = 0;
      for (auto succ = st.block->succ_begin(); succ != st.block->succ_end(); ++succ, ++index) {
        const CFGBlock* b = succ->getReachableBlock();
        if (!b) continue;
        int null_state = refine(st.block, index, st.null_state, bound.var);
        if (null_state == 1) continue;  // nothing to release on this branch
        if (b == &cfg->getExit()) {
          leak(st.jump, nullptr);
          continue;
        }
        if (visited.insert({b->getBlockID(), null_state}).second) next.push_back({b, 0, null_state, st.jump});
      }
      for (auto it = next.rbegin(); it != next.rend(); ++it) stack.push_back(*it);
    }
    if (!leaked) return;
    fact.verdict = facts::CppReleaseVerdict::LeaksOnPath;
    fact.released_elsewhere = released;
    fact.exit_kind = leak_kind;
    if (leak_at) {
      fact.exit = spans.of(leak_at->getBeginLoc(), leak_at->getBeginLoc());
    } else if (const auto* compound = llvm::dyn_cast<CompoundStmt>(body)) {
      fact.exit = spans.of(compound->getRBracLoc(), compound->getRBracLoc());
    }
  }
};

HandleFlow::HandleFlow(ASTContext& context, const LibraryModel& model, const Spans& spans, const ProjectFiles& project,
                       const Stmt* body, const CFG* cfg)
    : impl_(std::make_unique<Impl>(context, model, spans, project, body, cfg)) {}
HandleFlow::~HandleFlow() = default;
void HandleFlow::decide(AcquireCandidate& candidate) { impl_->decide(candidate); }

}  // namespace connlint::cpp
