#include "cpp/extractor.h"

#include "core/sql_text.h"

#include <clang/AST/DeclTemplate.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Analysis/CFG.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <set>

#include "cpp/ast_util.h"
#include "cpp/handle_flow.h"
#include "cpp/transaction_scope.h"

namespace connlint::cpp {

using namespace clang;
using facts::CppCallKind;
using facts::CppLoopKind;
using facts::kNone;

namespace {

// A loop bounded by a literal this small, that can also leave early, is a retry loop (`for (i = 0; i < 3; ++i)`).
constexpr long long kSmallLoopBound = 10;

// Standard algorithms whose function argument runs once per element (also their std::ranges forms).
// clang-format off
constexpr std::string_view kAlgorithms[] = {
    "for_each", "for_each_n", "transform", "generate", "generate_n", "accumulate", "reduce", "transform_reduce",
    "inclusive_scan", "exclusive_scan", "transform_inclusive_scan", "transform_exclusive_scan", "partial_sum",
    "adjacent_difference", "inner_product", "count_if", "find_if", "find_if_not", "all_of", "any_of", "none_of",
    "remove_if", "remove_copy_if", "copy_if", "replace_if", "replace_copy_if", "partition", "stable_partition",
    "partition_copy", "erase_if", "unique", "adjacent_find", "mismatch", "equal"};
// clang-format on

bool is_algorithm(std::string_view name) {
  return std::find(std::begin(kAlgorithms), std::end(kAlgorithms), name) != std::end(kAlgorithms);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string first_words(const std::string& sql) { return normalise_sql_text(sql, 40); }

bool starts_word(const std::string& s, std::string_view word) {
  return s.rfind(word, 0) == 0 &&
         (s.size() == word.size() || !std::isalnum(static_cast<unsigned char>(s[word.size()])));
}

enum class SqlAction { None, Begin, End };

SqlAction sql_action(const std::string& sql) {
  std::string s = first_words(sql);
  if (starts_word(s, "begin") || starts_word(s, "start transaction")) return SqlAction::Begin;
  if (starts_word(s, "rollback to") || starts_word(s, "rollback prepared") || starts_word(s, "commit prepared"))
    return SqlAction::None;
  if (starts_word(s, "commit") || starts_word(s, "rollback") || starts_word(s, "end") || starts_word(s, "abort"))
    return SqlAction::End;
  return SqlAction::None;
}

// A page of a larger result: the loop around it is pagination, one query per page, not per row.
bool fetches_a_page(const std::vector<facts::CppString>& sql) {
  for (const auto& s : sql) {
    std::string l = lower(s.text);
    if (l.find("limit") != std::string::npos || l.find("offset") != std::string::npos ||
        l.find("fetch ") != std::string::npos)
      return true;
  }
  return false;
}

bool in_std_namespace(const Decl* d) {
  const DeclContext* ctx = d->getDeclContext();
  while (ctx && !ctx->isFileContext()) ctx = ctx->getParent();
  while (ctx && ctx->getParent() && !ctx->getParent()->isTranslationUnit()) ctx = ctx->getParent();
  const auto* ns = llvm::dyn_cast_or_null<NamespaceDecl>(ctx);
  return ns && ns->getName() == "std";
}

// Does `s` leave the loop (or the function) from inside the loop body? `break` only counts outside nested loops and
// switches; nothing inside lambdas counts.
bool exits(const Stmt* s, bool nested) {
  if (!s) return false;
  if (llvm::isa<ReturnStmt, GotoStmt, CXXThrowExpr>(s)) return true;
  if (llvm::isa<BreakStmt>(s)) return !nested;
  if (llvm::isa<LambdaExpr>(s)) return false;
  bool inner = nested || llvm::isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, SwitchStmt>(s);
  for (const Stmt* c : s->children())
    if (exits(c, inner)) return true;
  return false;
}

void collect_decls(const Stmt* s, std::set<const ValueDecl*>& out) {
  if (!s || llvm::isa<LambdaExpr>(s)) return;
  if (const auto* r = llvm::dyn_cast<DeclRefExpr>(s)) out.insert(r->getDecl());
  if (const auto* m = llvm::dyn_cast<MemberExpr>(s)) out.insert(m->getMemberDecl());
  for (const Stmt* c : s->children()) collect_decls(c, out);
}

void collect_calls(const Stmt* s, std::set<const Stmt*>& out) {
  if (!s || llvm::isa<LambdaExpr>(s)) return;
  if (llvm::isa<CallExpr, CXXConstructExpr, CXXNewExpr>(s)) out.insert(s);
  for (const Stmt* c : s->children()) collect_calls(c, out);
}

bool is_literal(const Expr* e) {
  e = strip(e);
  if (!e) return false;
  if (llvm::isa<StringLiteral, IntegerLiteral, FloatingLiteral, CharacterLiteral, CXXBoolLiteralExpr,
                UserDefinedLiteral>(e))
    return true;
  if (const auto* c = llvm::dyn_cast<CXXConstructExpr>(e)) return c->getNumArgs() >= 1 && is_literal(c->getArg(0));
  return false;
}

// `{"a", "b"}`, `std::vector<std::string>{"a", "b"}`: a braced list of literals.
bool literal_elements(const Expr* e) {
  e = strip(e);
  if (const auto* l = llvm::dyn_cast_or_null<CXXStdInitializerListExpr>(e)) e = strip(l->getSubExpr());
  if (const auto* l = llvm::dyn_cast_or_null<InitListExpr>(e)) {
    for (const Expr* i : l->inits())
      if (!is_literal(i) && !literal_elements(i)) return false;
    return true;
  }
  if (const auto* c = llvm::dyn_cast_or_null<CXXConstructExpr>(e)) {
    if (c->getNumArgs() == 0) return true;  // an empty container, filled below
    return c->getNumArgs() == 1 && literal_elements(c->getArg(0));
  }
  return false;
}

// A range-for over a fixed list of literals: the list itself, or a local container whose every element is a
// literal (`queries.emplace_back("ANALYZE t")` ...) and that nothing else writes to. Running one statement per
// element is a script of statements, not a query per row.
bool literal_list(const Expr* range, const Stmt* body) {
  range = strip(range);
  if (literal_elements(range)) return true;
  const VarDecl* v = named_variable(range, false);
  if (!v || !v->hasLocalStorage() || !v->getInit() || !literal_elements(v->getInit())) return false;
  int uses = 0, accounted = 1;  // the loop's own use
  bool ok = true;
  std::function<void(const Stmt*)> walk = [&](const Stmt* s) {
    if (!s || !ok) return;
    if (const auto* r = llvm::dyn_cast<DeclRefExpr>(s); r && r->getDecl() == v) ++uses;
    if (const auto* m = llvm::dyn_cast<CXXMemberCallExpr>(s);
        m && named_variable(m->getImplicitObjectArgument(), false) == v) {
      const auto* method = m->getMethodDecl();
      std::string name = method ? method->getNameAsString() : "";
      if (name == "push_back" || name == "emplace_back" || name == "insert" || name == "emplace" || name == "append") {
        for (const Expr* a : m->arguments())
          if (!is_literal(a)) ok = false;
      } else if (!method || !method->isConst()) {
        if (name != "reserve" && name != "clear") ok = false;
      }
      ++accounted;
    }
    for (const Stmt* c : s->children()) walk(c);
  };
  walk(body);
  return ok && uses <= accounted;
}

// Calls that wait: a loop that makes one per iteration is paced (a poller, a retry with back-off, a refresher), so
// what it does per iteration is bounded by time, not by the size of some data.
bool waits(const Stmt* s) {
  if (!s || llvm::isa<LambdaExpr>(s)) return false;
  if (const auto* call = llvm::dyn_cast<CallExpr>(s))
    if (const FunctionDecl* fn = call->getDirectCallee(); fn && fn->getDeclName().isIdentifier()) {
      static const char* kWaits[] = {
          "sleep",      "usleep", "nanosleep", "clock_nanosleep", "sleep_for", "sleep_until", "wait_for",
          "wait_until", "poll",   "ppoll",     "select",          "pselect",   "epoll_wait",  "Sleep"};
      llvm::StringRef name = fn->getName();
      for (const char* w : kWaits)
        if (name == w) return true;
    }
  for (const Stmt* c : s->children())
    if (waits(c)) return true;
  return false;
}

struct LoopInfo {
  bool paced = false;
  bool literal_list = false;
  bool small_bound = false;
  bool has_exit = false;
  std::set<const ValueDecl*> exit_decls;  // read by the condition and by conditions guarding an exit
  std::set<const Stmt*> guard_calls;      // calls inside those conditions
};

struct FunctionState {
  facts::CppFunctionId id = kNone;
  const Decl* decl = nullptr;
  const FunctionDecl* fn = nullptr;
  const Stmt* body = nullptr;
  facts::CppLoopId saved_loop = kNone;
  bool saved_once = false;
  std::vector<AcquireCandidate> acquires;
  std::vector<TransactionCandidate> transactions;
  std::set<const Stmt*> ends;
};

class Extractor : public RecursiveASTVisitor<Extractor> {
  using Base = RecursiveASTVisitor<Extractor>;

 public:
  Extractor(ASTContext& context, const LibraryModel& model, const std::string& root, facts::CppFacts& out)
      : ctx_(context), model_(model), out_(out), spans_(context), project_(context.getSourceManager(), root) {}

  void run() {
    for (Decl* d : ctx_.getTranslationUnitDecl()->decls()) visit_top(d);
  }

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldWalkTypesOfTypeLocs() const { return false; }

  bool TraverseDecl(Decl* d) {
    auto* fn = llvm::dyn_cast_or_null<FunctionDecl>(d);
    if (!fn || !fn->doesThisDeclarationHaveABody() || fn->isInvalidDecl()) return Base::TraverseDecl(d);
    if (fn->isMain()) out_.has_main = true;
    begin_function(fn, fn, fn->getBody(), fn->getQualifiedNameAsString(),
                   spans_.of(fn->getLocation(), fn->getLocation()), kNone);
    bool ok = Base::TraverseDecl(d);
    end_function();
    return ok;
  }

  bool TraverseLambdaExpr(LambdaExpr* e) {
    CXXMethodDecl* op = e->getCallOperator();
    if (!op || !e->getBody()) return Base::TraverseLambdaExpr(e);
    std::string name = stack_.empty() ? "lambda" : "lambda in " + out_.functions[stack_.back().id].name;
    auto algorithm = algorithm_lambdas_.find(e);
    begin_function(op, op, e->getBody(), name, spans_.of(e->getIntroducerRange()),
                   algorithm == algorithm_lambdas_.end() ? kNone : algorithm->second);
    bool ok = Base::TraverseLambdaExpr(e);
    end_function();
    return ok;
  }

  bool TraverseVarDecl(VarDecl* v) {
    if (const Expr* init = v->getInit()) assigned_to_[strip(init)] = v;
    if (!stack_.empty() && is_automatic_local(v) && !v->getType()->isReferenceType()) maybe_object_transaction(v);
    bool saved = once_;
    if (v->hasGlobalStorage() && v->getInit()) once_ = true;
    bool ok = Base::TraverseVarDecl(v);
    once_ = saved;
    return ok;
  }

  bool VisitBinaryOperator(BinaryOperator* b) {
    if (b->getOpcode() != BO_Assign) return true;
    const Expr* lhs = strip(b->getLHS());
    if (const auto* r = llvm::dyn_cast<DeclRefExpr>(lhs)) assigned_to_[strip(b->getRHS())] = r->getDecl();
    if (const auto* m = llvm::dyn_cast<MemberExpr>(lhs)) assigned_to_[strip(b->getRHS())] = m->getMemberDecl();
    return true;
  }

  bool TraverseIfStmt(IfStmt* s) {
    TraverseStmt(s->getInit());
    TraverseStmt(const_cast<DeclStmt*>(s->getConditionVariableDeclStmt()));
    TraverseStmt(s->getCond());
    std::set<const ValueDecl*> tested;
    collect_decls(s->getCond(), tested);
    if (const VarDecl* v = s->getConditionVariable()) tested.insert(v);
    if_stack_.push_back(std::move(tested));
    TraverseStmt(s->getThen());
    TraverseStmt(s->getElse());
    if_stack_.pop_back();
    return true;
  }

  bool TraverseForStmt(ForStmt* s) {
    if (stack_.empty()) return Base::TraverseForStmt(s);
    TraverseStmt(s->getInit());
    facts::CppLoopId id =
        begin_loop(CppLoopKind::For, spans_.of(s->getForLoc(), s->getRParenLoc()), s, s->getCond(), s->getBody());
    facts::CppLoopId saved = loop_;
    loop_ = id;
    TraverseStmt(const_cast<DeclStmt*>(s->getConditionVariableDeclStmt()));
    TraverseStmt(s->getCond());
    TraverseStmt(s->getInc());
    TraverseStmt(s->getBody());
    loop_ = saved;
    return true;
  }

  bool TraverseCXXForRangeStmt(CXXForRangeStmt* s) {
    if (stack_.empty()) return Base::TraverseCXXForRangeStmt(s);
    TraverseStmt(s->getInit());
    TraverseStmt(s->getRangeInit());
    facts::CppLoopId id =
        begin_loop(CppLoopKind::RangeFor, spans_.of(s->getForLoc(), s->getRParenLoc()), s, nullptr, s->getBody());
    loop_info_[id].literal_list = literal_list(s->getRangeInit(), stack_.back().body);
    facts::CppLoopId saved = loop_;
    loop_ = id;
    TraverseStmt(s->getLoopVarStmt());
    TraverseStmt(s->getBody());
    loop_ = saved;
    return true;
  }

  bool TraverseWhileStmt(WhileStmt* s) {
    if (stack_.empty()) return Base::TraverseWhileStmt(s);
    facts::CppLoopId id =
        begin_loop(CppLoopKind::While, spans_.of(s->getWhileLoc(), s->getRParenLoc()), s, s->getCond(), s->getBody());
    facts::CppLoopId saved = loop_;
    loop_ = id;
    TraverseStmt(const_cast<DeclStmt*>(s->getConditionVariableDeclStmt()));
    TraverseStmt(s->getCond());
    TraverseStmt(s->getBody());
    loop_ = saved;
    return true;
  }

  bool TraverseDoStmt(DoStmt* s) {
    if (stack_.empty()) return Base::TraverseDoStmt(s);
    facts::CppLoopId id =
        begin_loop(CppLoopKind::DoWhile, spans_.of(s->getDoLoc(), s->getDoLoc()), s, s->getCond(), s->getBody());
    facts::CppLoopId saved = loop_;
    loop_ = id;
    TraverseStmt(s->getBody());
    TraverseStmt(s->getCond());
    loop_ = saved;
    return true;
  }

  bool VisitCallExpr(CallExpr* e) {
    if (!spans_.in_main_file(e->getBeginLoc())) return true;
    if (const FunctionDecl* fn = e->getDirectCallee())
      classify_call(e, fn);
    else
      classify_indirect(e);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr* e) {
    if (!spans_.in_main_file(e->getBeginLoc()) || new_inits_.count(e)) return true;
    const CXXConstructorDecl* ctor = e->getConstructor();
    if (!ctor || ctor->isCopyOrMoveConstructor()) return true;
    const CXXRecordDecl* record = ctor->getParent();
    if (!record || record->isLambda()) return true;
    auto chain = class_chain(record);
    facts::Span span = construct_span(e);
    std::string type = construct_text(e);
    if (type.empty()) type = record->getQualifiedNameAsString();
    if (auto handle = model_.handle_for_type(chain); handle && is_connection(handle.spec->role)) {
      add_call(CppCallKind::Connect, e, span, type, "", handle.library->id);
    } else if (model_.slow_type(chain)) {
      add_call(CppCallKind::Slow, e, span, type, "", "");
    } else if (!ctor->isImplicit() && project_.owns(ctor)) {
      add_call(CppCallKind::Local, e, span, type, usr_of(ctor), "");
    }
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr* e) {
    if (!spans_.in_main_file(e->getBeginLoc())) return true;
    auto handle = model_.handle_for_type(type_chain(e->getAllocatedType()));
    if (!handle || !is_connection(handle.spec->role)) return true;
    if (const CXXConstructExpr* init = e->getConstructExpr()) new_inits_.insert(init);
    SourceLocation type_end =
        e->getAllocatedTypeSourceInfo() ? e->getAllocatedTypeSourceInfo()->getTypeLoc().getEndLoc() : e->getBeginLoc();
    facts::Span span = spans_.of(e->getBeginLoc(), type_end);
    std::string callee = "new " + e->getAllocatedType().getAsString(ctx_.getPrintingPolicy());
    add_call(CppCallKind::Connect, e, span, callee, "", handle.library->id);
    if (!stack_.empty() && !once_) add_acquire(e, *handle.library, *handle.spec, -1, span, callee);
    return true;
  }

 private:
  static bool is_connection(HandleRole r) { return r == HandleRole::Connection || r == HandleRole::Pool; }

  void visit_top(Decl* d) {
    if (auto* ns = llvm::dyn_cast<NamespaceDecl>(d)) {
      for (Decl* c : ns->decls()) visit_top(c);
      return;
    }
    if (auto* ls = llvm::dyn_cast<LinkageSpecDecl>(d)) {
      for (Decl* c : ls->decls()) visit_top(c);
      return;
    }
    if (!spans_.in_main_file(d->getLocation())) return;
    TraverseDecl(d);
  }

  // --- functions ---

  void begin_function(const Decl* decl, const FunctionDecl* fn, const Stmt* body, std::string name, facts::Span span,
                      facts::CppLoopId loop) {
    facts::CppFunction f;
    f.usr = usr_of(fn);
    f.name = std::move(name);
    f.span = span;
    for (const ParmVarDecl* p : fn->parameters()) {
      if (model_.request_type(type_chain(p->getType(), true))) {
        f.handler = true;
        f.handler_type = p->getType().getAsString(ctx_.getPrintingPolicy());
        break;
      }
    }
    FunctionState state;
    state.id = static_cast<facts::CppFunctionId>(out_.functions.size());
    state.decl = decl;
    state.fn = fn;
    state.body = body;
    state.saved_loop = loop_;
    state.saved_once = once_;
    out_.functions.push_back(std::move(f));
    stack_.push_back(std::move(state));
    loop_ = loop;
    once_ = false;
  }

  void end_function() {
    FunctionState& f = stack_.back();
    // Templates are analysed as written (their instantiations are not visited): calls that depend on a template
    // parameter are not classified, but the rest of the body is.
    if (!f.acquires.empty() || !f.transactions.empty()) {
      CFG::BuildOptions options;
      options.AddImplicitDtors = true;
      options.AddInitializers = true;
      options.setAllAlwaysAdd();
      std::unique_ptr<CFG> cfg = CFG::buildCFG(f.decl, const_cast<Stmt*>(f.body), &ctx_, options);
      if (cfg) {
        HandleFlow flow(ctx_, model_, spans_, project_, f.body, cfg.get());
        for (auto& a : f.acquires) {
          flow.decide(a);
          out_.acquires.push_back(std::move(a.fact));
        }
        for (auto& t : f.transactions) {
          decide_scope(*cfg, {call_ids_, loop_ids_, f.ends}, t);
          out_.transactions.push_back(std::move(t.fact));
        }
      }
    }
    loop_ = f.saved_loop;
    once_ = f.saved_once;
    stack_.pop_back();
  }

  facts::CppFunctionId current_function() const { return stack_.empty() ? kNone : stack_.back().id; }

  // --- loops ---

  facts::CppLoopId begin_loop(CppLoopKind kind, facts::Span header, const Stmt* stmt, const Expr* cond,
                              const Stmt* body) {
    facts::CppLoop loop;
    loop.kind = kind;
    loop.header = header;
    loop.function = current_function();
    loop.parent = loop_;
    auto id = static_cast<facts::CppLoopId>(out_.loops.size());
    out_.loops.push_back(std::move(loop));
    LoopInfo info;
    if (const auto* b = llvm::dyn_cast_or_null<BinaryOperator>(cond ? strip(cond) : nullptr);
        b && (b->isRelationalOp() || b->getOpcode() == BO_NE)) {
      for (const Expr* side : {b->getLHS(), b->getRHS()})
        if (auto n = constant_int(side, ctx_); n && *n >= 0 && *n <= kSmallLoopBound) info.small_bound = true;
    }
    info.has_exit = exits(body, false);
    info.paced = waits(body) || (cond && waits(cond));
    if (cond) {
      collect_decls(cond, info.exit_decls);
      collect_calls(cond, info.guard_calls);
    }
    guard_conditions(body, info);
    // One step back: `ok = PQstatus(conn) == CONNECTION_OK; if (ok) break;` makes `conn` part of the exit too.
    std::function<void(const Stmt*)> widen = [&](const Stmt* s) {
      if (!s || llvm::isa<LambdaExpr>(s)) return;
      if (const auto* b = llvm::dyn_cast<BinaryOperator>(s); b && b->getOpcode() == BO_Assign) {
        std::set<const ValueDecl*> lhs;
        collect_decls(b->getLHS(), lhs);
        for (const auto* d : lhs)
          if (info.exit_decls.count(d)) collect_decls(b->getRHS(), info.exit_decls);
      }
      if (const auto* ds = llvm::dyn_cast<DeclStmt>(s))
        for (const Decl* d : ds->decls())
          if (const auto* v = llvm::dyn_cast<VarDecl>(d); v && v->getInit() && info.exit_decls.count(v))
            collect_decls(v->getInit(), info.exit_decls);
      for (const Stmt* c : s->children()) widen(c);
    };
    // To a fixed point: `a = f(b); b = g(c);` written in any order.
    for (std::size_t before = 0, round = 0; round < 6 && before != info.exit_decls.size(); ++round) {
      before = info.exit_decls.size();
      widen(body);
    }
    loop_info_.push_back(std::move(info));
    loop_ids_[stmt] = id;
    return id;
  }

  void guard_conditions(const Stmt* s, LoopInfo& info) {
    if (!s || llvm::isa<LambdaExpr, ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(s)) return;
    if (const auto* i = llvm::dyn_cast<IfStmt>(s)) {
      if (exits(i->getThen(), false) || exits(i->getElse(), false)) {
        collect_decls(i->getCond(), info.exit_decls);
        collect_calls(i->getCond(), info.guard_calls);
      }
    }
    for (const Stmt* c : s->children()) guard_conditions(c, info);
  }

  // What a call's result lands in: the variable it initialises or is assigned to, and `&out` arguments.
  std::set<const ValueDecl*> results_of(const Stmt* site) const {
    std::set<const ValueDecl*> results;
    if (auto it = assigned_to_.find(site); it != assigned_to_.end()) results.insert(it->second);
    if (const auto* call = llvm::dyn_cast<CallExpr>(site))
      for (const Expr* a : call->arguments())
        if (const auto* u = llvm::dyn_cast<UnaryOperator>(strip(a)); u && u->getOpcode() == UO_AddrOf)
          if (const VarDecl* v = named_variable(u->getSubExpr(), false)) results.insert(v);
    return results;
  }

  // Does the call's result decide when the loop stops (its condition, or a condition guarding a break/return)?
  bool decides_exit(facts::CppLoopId loop, const Stmt* site) const {
    const LoopInfo& info = loop_info_[loop];
    if (!info.has_exit && out_.loops[loop].kind == CppLoopKind::RangeFor) return false;
    if (info.guard_calls.count(site)) return true;
    for (const auto* r : results_of(site))
      if (info.exit_decls.count(r)) return true;
    return false;
  }

  // The loop whose every iteration runs a call at `site`: the innermost one that is not a retry of this call.
  facts::CppLoopId per_iteration_loop(facts::CppLoopId loop, const Stmt* site, CppCallKind kind,
                                      const std::vector<facts::CppString>& sql) {
    std::set<const ValueDecl*> results = results_of(site);
    while (loop != kNone) {
      const LoopInfo& info = loop_info_[loop];
      const facts::CppLoop& l = out_.loops[loop];
      bool retry = (info.small_bound && info.has_exit) || info.literal_list || info.paced;
      if (!retry && l.kind != CppLoopKind::RangeFor && l.kind != CppLoopKind::Algorithm &&
          (kind == CppCallKind::Connect || kind == CppCallKind::Local ||
           (kind == CppCallKind::Query && fetches_a_page(sql)))) {
        bool depends = info.guard_calls.count(site) > 0;
        for (const auto* r : results) depends = depends || info.exit_decls.count(r);
        retry = depends;
      }
      if (!retry) break;
      loop = l.parent;
    }
    return loop;
  }

  // --- calls ---

  facts::CppCallId add_call(CppCallKind kind, const Stmt* site, facts::Span span, std::string callee, std::string usr,
                            std::string library, std::vector<facts::CppString> sql = {},
                            std::optional<facts::CppLoopId> loop = std::nullopt) {
    facts::CppCall c;
    c.kind = kind;
    c.span = span;
    c.callee = std::move(callee);
    c.usr = std::move(usr);
    c.library = std::move(library);
    c.function = current_function();
    c.once = once_;
    c.loop = loop ? *loop : per_iteration_loop(loop_, site, kind, sql);
    c.ends_loop = !loop && c.loop != kNone && decides_exit(c.loop, site);
    if (kind == CppCallKind::Connect) c.memoised = memoised(site);
    c.sql = std::move(sql);
    auto id = static_cast<facts::CppCallId>(out_.calls.size());
    out_.calls.push_back(std::move(c));
    call_ids_[site] = id;
    return id;
  }

  // A connection kept in a global, or made only when a test of where it is kept fails (`if (!conn_) conn_ = ...`).
  bool memoised(const Stmt* site) const {
    auto it = assigned_to_.find(site);
    if (it == assigned_to_.end()) return false;
    if (const auto* v = llvm::dyn_cast<VarDecl>(it->second); v && v->hasGlobalStorage()) return true;
    for (const auto& tested : if_stack_)
      if (tested.count(it->second)) return true;
    return false;
  }

  facts::Span callee_span(const CallExpr* e) const {
    const Expr* callee = e->getCallee()->IgnoreParenImpCasts();
    if (const auto* op = llvm::dyn_cast<CXXOperatorCallExpr>(e)) {
      if (op->getOperator() == OO_Call && op->getNumArgs() > 0) return spans_.of(op->getArg(0)->getSourceRange());
      return spans_.of(e->getBeginLoc(), op->getOperatorLoc());
    }
    if (const auto* m = llvm::dyn_cast<MemberExpr>(callee)) return spans_.of(m->getBeginLoc(), m->getMemberLoc());
    return spans_.of(callee->getSourceRange());
  }

  std::string callee_text(const CallExpr* e, const FunctionDecl* fn) const {
    const Expr* callee = e->getCallee()->IgnoreParenImpCasts();
    std::string text;
    if (const auto* op = llvm::dyn_cast<CXXOperatorCallExpr>(e))
      text = op->getOperator() == OO_Call && op->getNumArgs() > 0
                 ? spans_.text(op->getArg(0)->getSourceRange())
                 : spans_.text({e->getBeginLoc(), op->getOperatorLoc()});
    else
      text = spans_.text(callee->getSourceRange());
    if (text.empty() || text.size() > 80 || text.find('\n') != std::string::npos)
      text = fn ? fn->getQualifiedNameAsString() : "call";
    return text;
  }

  facts::Span construct_span(const CXXConstructExpr* e) const {
    if (auto it = assigned_to_.find(e); it != assigned_to_.end())
      if (const auto* v = llvm::dyn_cast<VarDecl>(it->second)) return spans_.of(v->getBeginLoc(), v->getLocation());
    if (const auto* t = llvm::dyn_cast<CXXTemporaryObjectExpr>(e); t && t->getTypeSourceInfo())
      return spans_.of(t->getTypeSourceInfo()->getTypeLoc().getSourceRange());
    return spans_.of(e->getBeginLoc(), e->getBeginLoc());
  }

  // The type as written at a construction (`std::ofstream`, `pqxx::connection`), "" when not available.
  std::string construct_text(const CXXConstructExpr* e) const {
    const TypeSourceInfo* tsi = nullptr;
    if (auto it = assigned_to_.find(e); it != assigned_to_.end())
      if (const auto* v = llvm::dyn_cast<VarDecl>(it->second)) tsi = v->getTypeSourceInfo();
    if (const auto* t = llvm::dyn_cast<CXXTemporaryObjectExpr>(e)) tsi = t->getTypeSourceInfo();
    std::string text = tsi ? spans_.text(tsi->getTypeLoc().getSourceRange()) : "";
    return text == "auto" || text.size() > 80 ? "" : text;
  }

  void collect_strings(const Expr* e, std::vector<facts::CppString>& out, int depth) const {
    e = strip(e);
    if (!e || depth > 4) return;
    if (const auto* s = llvm::dyn_cast<StringLiteral>(e)) {
      if (s->getCharByteWidth() == 1 && spans_.in_main_file(s->getBeginLoc()))
        out.push_back({s->getString().str(), spans_.of(s->getSourceRange())});
      return;
    }
    if (const auto* c = llvm::dyn_cast<CXXConstructExpr>(e)) {
      for (const Expr* a : c->arguments()) collect_strings(a, out, depth + 1);
      return;
    }
    if (const auto* op = llvm::dyn_cast<CXXOperatorCallExpr>(e)) {
      if (op->getOperator() == OO_Plus)
        for (const Expr* a : op->arguments()) collect_strings(a, out, depth + 1);
      return;
    }
    if (const auto* m = llvm::dyn_cast<CXXMemberCallExpr>(e)) {
      const auto* method = m->getMethodDecl();
      if (method && method->getDeclName().isIdentifier() &&
          (method->getName() == "c_str" || method->getName() == "data"))
        collect_strings(m->getImplicitObjectArgument(), out, depth + 1);
      return;
    }
    if (const auto* c = llvm::dyn_cast<ConditionalOperator>(e)) {
      collect_strings(c->getTrueExpr(), out, depth + 1);
      collect_strings(c->getFalseExpr(), out, depth + 1);
      return;
    }
    if (const auto* r = llvm::dyn_cast<DeclRefExpr>(e)) {
      const auto* v = llvm::dyn_cast<VarDecl>(r->getDecl());
      if (v && v->getInit() &&
          (v->getType().isConstQualified() || v->isConstexpr() || v->getType()->isPointerType() ||
           v->hasLocalStorage()))
        collect_strings(v->getInit(), out, depth + 2);
    }
  }

  std::vector<facts::CppString> sql_of(const CallExpr* e, const FunctionDecl* fn, int sql_arg) const {
    std::vector<facts::CppString> out;
    if (sql_arg < 0) return out;
    unsigned index = static_cast<unsigned>(sql_arg);
    if (llvm::isa<CXXOperatorCallExpr>(e) && llvm::isa<CXXMethodDecl>(fn)) ++index;  // arg 0 is the object
    if (index < e->getNumArgs()) collect_strings(e->getArg(index), out, 0);
    return out;
  }

  void add_acquire(const Expr* e, const CppLibrary& library, const HandleKind& kind, int out_arg, facts::Span span,
                   std::string callee, bool null_on_failure = false) {
    AcquireCandidate a;
    a.expr = e;
    a.kind = &kind;
    a.out_arg = out_arg;
    a.null_on_failure = null_on_failure;
    a.fact.role = kind.role == HandleRole::Result     ? facts::CppHandleRole::Result
                  : kind.role == HandleRole::Checkout ? facts::CppHandleRole::Checkout
                                                      : facts::CppHandleRole::Connection;
    a.fact.span = span;
    a.fact.callee = std::move(callee);
    a.fact.library = library.id;
    a.fact.release = kind.close.empty() ? "delete" : kind.close.front();
    a.fact.function = current_function();
    stack_.back().acquires.push_back(std::move(a));
  }

  void classify_call(CallExpr* e, const FunctionDecl* fn) {
    bool system = !project_.owns(fn);
    std::string name = fn->getDeclName().isIdentifier() ? fn->getName().str() : fn->getNameAsString();
    bool in_function = !stack_.empty();
    if (model_.known_name(name)) {
      Callee callee = callee_of(fn);
      auto acquire = model_.acquire(callee);
      auto query = model_.query(callee);
      bool slow = model_.slow_call(callee);
      facts::Span span = callee_span(e);
      std::string text = callee_text(e, fn);
      if (query) {
        auto sql = sql_of(e, fn, query.spec->sql_arg);
        auto id = add_call(CppCallKind::Query, e, span, text, "", query.library->id, sql);
        auto args = call_arguments(e, fn);
        if (query.spec->sql_arg >= 0 && static_cast<std::size_t>(query.spec->sql_arg) < args.size())
          out_.calls[id].sql_param = parameter_index(args[query.spec->sql_arg]);
        if (in_function) sql_transaction(e, id, query.library->id, false);
      } else if (acquire && is_connection(acquire.library->handles.at(acquire.spec->handle).role)) {
        add_call(CppCallKind::Connect, e, span, text, "", acquire.library->id);
      } else if (slow) {
        add_call(CppCallKind::Slow, e, span, text, "", "");
      }
      if (acquire && in_function && !once_)
        add_acquire(e, *acquire.library, acquire.library->handles.at(acquire.spec->handle), acquire.spec->out_arg, span,
                    text, acquire.spec->null_on_failure);
      if (in_function) classify_transaction_call(e, fn, callee, span, text);
      if (query || acquire || slow) return;
    }
    if (system) {
      if (in_std_namespace(fn)) {
        maybe_algorithm(e, fn);
        maybe_make_connection(e, fn);
      }
      if (llvm::isa<CXXOperatorCallExpr>(e) && name == "operator()" && e->getNumArgs() > 0)
        if (const auto* p = llvm::dyn_cast_or_null<ParmVarDecl>(named_variable(e->getArg(0), false)))
          add_call(CppCallKind::Callback, e, spans_.of(e->getArg(0)->getSourceRange()), p->getNameAsString(), "", "");
      return;
    }
    if (const auto* method = llvm::dyn_cast<CXXMethodDecl>(fn); !method || !method->getParent()->isLambda())
      maybe_algorithm(e, fn);
    local_call(e, fn);
  }

  // A call into the project's own code: what its arguments carry matters when it wraps a query
  // (`db.exec("BEGIN")`, `run_sql(conn, "SET search_path TO ...")`).
  void local_call(CallExpr* e, const FunctionDecl* fn) {
    std::vector<facts::CppString> strings;
    std::vector<std::pair<std::int32_t, std::int32_t>> forwards;
    auto args = call_arguments(e, fn);
    for (std::size_t i = 0; i < args.size(); ++i) {
      std::vector<facts::CppString> found;
      collect_strings(args[i], found, 0);
      for (auto& f : found) {
        f.arg = static_cast<std::int32_t>(i);
        strings.push_back(std::move(f));
      }
      if (int p = parameter_index(args[i]); p >= 0) forwards.push_back({static_cast<std::int32_t>(i), p});
    }
    auto id = add_call(CppCallKind::Local, e, callee_span(e), callee_text(e, fn), usr_of(fn), "", std::move(strings));
    out_.calls[id].forwards = std::move(forwards);
    if (!stack_.empty()) sql_transaction(e, id, "", true);
  }

  // The arguments as the callee's parameters see them (a member operator's object is not one).
  static std::vector<const Expr*> call_arguments(const CallExpr* e, const FunctionDecl* fn) {
    std::vector<const Expr*> out;
    unsigned first = llvm::isa<CXXOperatorCallExpr>(e) && llvm::isa<CXXMethodDecl>(fn) ? 1 : 0;
    for (unsigned i = first; i < e->getNumArgs(); ++i) out.push_back(e->getArg(i));
    return out;
  }

  // Which parameter of the enclosing function an argument passes on as it is (through `.c_str()` and string
  // constructions), or -1.
  int parameter_index(const Expr* e) const {
    for (int guard = 0; e && guard < 8; ++guard) {
      e = strip(e);
      if (const auto* c = llvm::dyn_cast<CXXConstructExpr>(e); c && c->getNumArgs() >= 1) {
        e = c->getArg(0);
        continue;
      }
      if (const auto* m = llvm::dyn_cast<CXXMemberCallExpr>(e)) {
        const auto* method = m->getMethodDecl();
        if (method && method->getDeclName().isIdentifier() &&
            (method->getName() == "c_str" || method->getName() == "data")) {
          e = m->getImplicitObjectArgument();
          continue;
        }
      }
      break;
    }
    const auto* r = llvm::dyn_cast_or_null<DeclRefExpr>(e);
    const auto* p = r ? llvm::dyn_cast<ParmVarDecl>(r->getDecl()) : nullptr;
    if (!p || stack_.empty() || p->getDeclContext() != stack_.back().fn) return -1;
    return static_cast<int>(p->getFunctionScopeIndex());
  }

  // `BEGIN` ... `COMMIT` sent as SQL: through a catalog query, or through a project function given the statement as
  // a literal (the rules check that it does run a query).
  void sql_transaction(const CallExpr* e, facts::CppCallId id, const std::string& library, bool through_wrapper) {
    const auto& strings = out_.calls[id].sql;
    if (strings.empty()) return;
    // Through a wrapper, the literal must be the whole statement: `exec("BEGIN")`, not `log("begin import")`.
    const std::string text = strings.front().text;
    SqlAction action = sql_action(text);
    if (through_wrapper) {
      std::string words = first_words(text);
      while (!words.empty() && (words.back() == ';' || words.back() == ' ')) words.pop_back();
      // clang-format off
      static const char* kWhole[] = {"begin", "begin work", "begin transaction", "start transaction", "commit",
                                     "commit work", "commit transaction", "rollback", "rollback work",
                                     "rollback transaction", "end", "end work", "end transaction", "abort"};
      // clang-format on
      if (std::find_if(std::begin(kWhole), std::end(kWhole), [&](const char* w) { return words == w; }) ==
          std::end(kWhole))
        return;
    }
    if (action == SqlAction::End) stack_.back().ends.insert(e);
    if (action != SqlAction::Begin) return;
    TransactionCandidate t;
    t.fact.kind = facts::CppTransactionKind::Sql;
    t.fact.what = first_words(text);
    std::transform(t.fact.what.begin(), t.fact.what.end(), t.fact.what.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    t.fact.span = out_.calls[id].span;
    t.fact.library = library;
    t.fact.function = current_function();
    t.fact.opener = id;
    t.opener = e;
    stack_.back().transactions.push_back(std::move(t));
  }

  void classify_transaction_call(CallExpr* e, const FunctionDecl*, const Callee& callee, facts::Span span,
                                 const std::string& text) {
    if (auto begin = model_.transaction_begin(callee)) {
      bool opens = true;
      if (begin.spec->begin_arg >= 0) {
        unsigned index = static_cast<unsigned>(begin.spec->begin_arg);
        auto value = index < e->getNumArgs() ? constant_int(e->getArg(index), ctx_) : std::nullopt;
        opens = value && *value == begin.spec->begin_value;
      }
      if (opens) {
        TransactionCandidate t;
        t.fact.kind = facts::CppTransactionKind::Call;
        t.fact.span = span;
        t.fact.what = text + "(...)";
        t.fact.library = begin.library->id;
        t.fact.function = current_function();
        t.opener = e;
        t.spec = begin.spec;
        stack_.back().transactions.push_back(std::move(t));
        return;
      }
    }
    for (const auto& lib : model_.libraries())
      for (const auto& t : lib.transactions)
        if (!t.begin.names.empty() && LibraryModel::ends(t, callee)) stack_.back().ends.insert(e);
  }

  // `std::make_unique<pqxx::connection>(...)`: a connection owned by a smart pointer.
  void maybe_make_connection(CallExpr* e, const FunctionDecl* fn) {
    std::string name = fn->getNameAsString();
    if (name != "make_unique" && name != "make_shared" && name != "allocate_shared") return;
    const TemplateArgumentList* args = fn->getTemplateSpecializationArgs();
    if (!args || args->size() == 0 || args->get(0).getKind() != TemplateArgument::Type) return;
    auto handle = model_.handle_for_type(type_chain(args->get(0).getAsType()));
    if (!handle || !is_connection(handle.spec->role)) return;
    add_call(CppCallKind::Connect, e, callee_span(e), callee_text(e, fn), "", handle.library->id);
  }

  // std::for_each(b, e, fn), std::transform(..., fn), std::ranges::for_each(r, fn): fn runs once per element.
  void maybe_algorithm(CallExpr* e, const FunctionDecl* fn) {
    std::string name;
    if (llvm::isa<CXXOperatorCallExpr>(e) && fn->getNameAsString() == "operator()" && e->getNumArgs() > 0) {
      const Expr* object = strip(e->getArg(0));
      if (const auto* r = llvm::dyn_cast<DeclRefExpr>(object))
        if (r->getDecl()->getQualifiedNameAsString().rfind("std::ranges::", 0) == 0)
          name = r->getDecl()->getNameAsString();
    } else if (!llvm::isa<CXXMethodDecl>(fn) && in_std_namespace(fn)) {
      name = fn->getNameAsString();
    }
    if (name.empty() || !is_algorithm(name) || stack_.empty()) return;
    std::vector<std::pair<const Expr*, const Decl*>> callables;  // (argument, function it names) or lambda
    for (const Expr* arg : e->arguments()) {
      const Expr* a = strip(arg);
      if (const auto* u = llvm::dyn_cast<UnaryOperator>(a); u && u->getOpcode() == UO_AddrOf)
        a = strip(u->getSubExpr());
      if (llvm::isa<LambdaExpr>(a)) {
        callables.push_back({a, nullptr});
      } else if (const auto* r = llvm::dyn_cast<DeclRefExpr>(a)) {
        if (const auto* v = llvm::dyn_cast<VarDecl>(r->getDecl()); v && v->getInit())
          if (const auto* l = llvm::dyn_cast<LambdaExpr>(strip(v->getInit())))
            callables.push_back({a, l->getCallOperator()});
        if (const auto* f = llvm::dyn_cast<FunctionDecl>(r->getDecl()); f && project_.owns(f))
          callables.push_back({a, f});
      }
    }
    if (callables.empty()) return;
    std::string shown = llvm::isa<CXXOperatorCallExpr>(e) ? "std::ranges::" + name : "std::" + name;
    facts::Span header = llvm::isa<CXXOperatorCallExpr>(e) ? spans_.of(e->getArg(0)->getSourceRange()) : callee_span(e);
    facts::CppLoopId id = begin_loop(CppLoopKind::Algorithm, header, e, nullptr, nullptr);
    out_.loops[id].algorithm = shown;
    for (const auto& [arg, decl] : callables) {
      if (!decl) {
        algorithm_lambdas_[llvm::cast<LambdaExpr>(arg)] = id;
        continue;
      }
      add_call(CppCallKind::Local, arg, spans_.of(arg->getSourceRange()), spans_.text(arg->getSourceRange()),
               usr_of(decl), "", {}, id);
    }
  }

  // A call through a function pointer (or a template callable) that the enclosing function received as a parameter.
  void classify_indirect(CallExpr* e) {
    const Expr* callee = strip(e->getCallee());
    if (const auto* r = llvm::dyn_cast_or_null<DeclRefExpr>(callee))
      if (const auto* p = llvm::dyn_cast<ParmVarDecl>(r->getDecl()))
        add_call(CppCallKind::Callback, e, spans_.of(callee->getSourceRange()), p->getNameAsString(), "", "");
  }

  void maybe_object_transaction(const VarDecl* v) {
    auto t = model_.transaction_type(type_chain(v->getType()));
    if (!t) return;
    TransactionCandidate c;
    c.fact.kind = facts::CppTransactionKind::Object;
    c.fact.span = spans_.of(v->getBeginLoc(), v->getLocation());
    std::string type;
    if (const auto* tsi = v->getTypeSourceInfo()) type = spans_.text(tsi->getTypeLoc().getSourceRange());
    c.fact.what = type.empty() ? v->getType().getAsString(ctx_.getPrintingPolicy()) : type;
    c.fact.library = t.library->id;
    c.fact.function = current_function();
    c.object = v;
    c.spec = t.spec;
    stack_.back().transactions.push_back(std::move(c));
  }

  ASTContext& ctx_;
  const LibraryModel& model_;
  facts::CppFacts& out_;
  Spans spans_;
  ProjectFiles project_;
  std::vector<FunctionState> stack_;
  facts::CppLoopId loop_ = kNone;
  bool once_ = false;
  std::vector<LoopInfo> loop_info_;  // parallel to out_.loops
  std::map<const Stmt*, facts::CppCallId> call_ids_;
  std::map<const Stmt*, facts::CppLoopId> loop_ids_;
  std::map<const Stmt*, const ValueDecl*> assigned_to_;
  std::map<const LambdaExpr*, facts::CppLoopId> algorithm_lambdas_;
  std::set<const Stmt*> new_inits_;
  std::vector<std::set<const ValueDecl*>> if_stack_;
};

}  // namespace

void extract_facts(ASTContext& context, const LibraryModel& model, const std::string& project_root,
                   facts::CppFacts& out) {
  Extractor(context, model, project_root, out).run();
}

}  // namespace connlint::cpp
