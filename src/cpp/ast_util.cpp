#include "cpp/ast_util.h"

#include <clang/AST/DeclTemplate.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Index/USRGeneration.h>
#include <clang/Lex/Lexer.h>

namespace connlint::cpp {

facts::Span Spans::of(clang::SourceRange range) const {
  facts::Span s;
  clang::SourceLocation b = sm_.getFileLoc(range.getBegin());
  clang::SourceLocation e = sm_.getFileLoc(range.getEnd());
  if (b.isInvalid()) return s;
  if (e.isInvalid() || sm_.getFileID(b) != sm_.getFileID(e) || sm_.isBeforeInTranslationUnit(e, b)) e = b;
  unsigned length = clang::Lexer::MeasureTokenLength(e, sm_, context_.getLangOpts());
  auto [file_b, offset_b] = sm_.getDecomposedLoc(b);
  auto [file_e, offset_e] = sm_.getDecomposedLoc(e);
  bool invalid = false;
  s.line = sm_.getLineNumber(file_b, offset_b, &invalid);
  s.column = sm_.getColumnNumber(file_b, offset_b, &invalid);
  s.end_line = sm_.getLineNumber(file_e, offset_e + length, &invalid);
  s.end_column = sm_.getColumnNumber(file_e, offset_e + length, &invalid);
  if (invalid) return facts::Span{};
  return s;
}

bool Spans::in_main_file(clang::SourceLocation loc) const {
  return loc.isValid() && sm_.isInMainFile(sm_.getFileLoc(loc));
}

std::string Spans::text(clang::SourceRange range) const {
  clang::CharSourceRange chars = clang::CharSourceRange::getTokenRange(range);
  bool invalid = false;
  llvm::StringRef t = clang::Lexer::getSourceText(chars, sm_, context_.getLangOpts(), &invalid);
  return invalid ? std::string() : t.str();
}

const clang::Expr* strip(const clang::Expr* e) {
  while (e) {
    const clang::Expr* next = e->IgnoreParenImpCasts();
    if (auto* c = llvm::dyn_cast<clang::ExplicitCastExpr>(next)) next = c->getSubExpr();
    if (auto* c = llvm::dyn_cast<clang::ExprWithCleanups>(next)) next = c->getSubExpr();
    if (auto* c = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(next)) next = c->getSubExpr();
    if (auto* c = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(next)) next = c->getSubExpr();
    if (next == e) return e;
    e = next;
  }
  return e;
}

std::vector<std::string> class_chain(const clang::CXXRecordDecl* record) {
  std::vector<std::string> out;
  if (!record) return out;
  record = record->getDefinition() ? record->getDefinition() : record;
  out.push_back(record->getQualifiedNameAsString());
  if (!record->hasDefinition()) return out;
  record->forallBases([&](const clang::CXXRecordDecl* base) {
    out.push_back(base->getQualifiedNameAsString());
    return true;
  });
  return out;
}

namespace {

clang::QualType peel(clang::QualType t) {
  for (int i = 0; i < 8 && !t.isNull(); ++i) {
    t = t.getNonReferenceType().getCanonicalType();
    if (t->isPointerType()) {
      t = t->getPointeeType();
      continue;
    }
    break;
  }
  return t.isNull() ? t : t.getUnqualifiedType();
}

}  // namespace

std::vector<std::string> type_chain(clang::QualType type, bool through_smart_pointers) {
  clang::QualType t = peel(type);
  if (t.isNull()) return {};
  const auto* record = t->getAsCXXRecordDecl();
  if (through_smart_pointers && record) {
    if (auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(record)) {
      std::string name = spec->getQualifiedNameAsString();
      if ((name == "std::shared_ptr" || name == "std::unique_ptr") && spec->getTemplateArgs().size() > 0 &&
          spec->getTemplateArgs()[0].getKind() == clang::TemplateArgument::Type)
        return type_chain(spec->getTemplateArgs()[0].getAsType(), false);
    }
  }
  if (record) return class_chain(record);
  if (const auto* rt = t->getAs<clang::RecordType>()) return {rt->getDecl()->getQualifiedNameAsString()};
  return {};
}

std::string record_name(clang::QualType type) {
  clang::QualType t = peel(type);
  if (t.isNull()) return "";
  if (const auto* rt = t->getAs<clang::RecordType>()) return rt->getDecl()->getQualifiedNameAsString();
  return "";
}

Callee callee_of(const clang::FunctionDecl* fn) {
  Callee c;
  if (!fn) return c;
  if (fn->getDeclName().isIdentifier())
    c.name = fn->getName().str();
  else
    c.name = fn->getNameAsString();  // operator<<, operator()
  if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(fn)) {
    c.scopes = class_chain(method->getParent());
    return c;
  }
  const clang::DeclContext* ctx = fn->getDeclContext();
  while (ctx && (ctx->isTransparentContext() || llvm::isa<clang::LinkageSpecDecl>(ctx))) ctx = ctx->getParent();
  if (const auto* ns = llvm::dyn_cast_or_null<clang::NamespaceDecl>(ctx))
    c.scopes.push_back(ns->getQualifiedNameAsString());
  else
    c.scopes.push_back("");
  return c;
}

const clang::VarDecl* named_variable(const clang::Expr* e, bool through_address_of) {
  e = strip(e);
  if (!e) return nullptr;
  if (through_address_of)
    if (const auto* u = llvm::dyn_cast<clang::UnaryOperator>(e); u && u->getOpcode() == clang::UO_AddrOf)
      e = strip(u->getSubExpr());
  // std::move(x)
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e); call && call->getNumArgs() == 1 && call->isCallToStdMove())
    e = strip(call->getArg(0));
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
  return nullptr;
}

bool is_automatic_local(const clang::VarDecl* v) {
  return v && v->hasLocalStorage() && !llvm::isa<clang::ParmVarDecl>(v);
}

ProjectFiles::ProjectFiles(const clang::SourceManager& sm, std::string root) : sm_(sm), root_(std::move(root)) {
  if (root_.empty() || root_.back() != '/') root_ += '/';
}

bool ProjectFiles::owns(const clang::Decl* d) const {
  clang::SourceLocation loc = sm_.getExpansionLoc(d->getLocation());
  if (loc.isInvalid()) return false;
  clang::FileID file = sm_.getFileID(loc);
  auto [it, inserted] = by_file_.try_emplace(file.getHashValue(), false);
  if (!inserted) return it->second;
  if (sm_.isInSystemHeader(loc)) return it->second = false;
  const clang::FileEntry* entry = sm_.getFileEntryForID(file);
  if (!entry) return it->second = false;
  llvm::StringRef real = entry->tryGetRealPathName();
  std::string path = real.empty() ? entry->getName().str() : real.str();
  return it->second = path.rfind(root_, 0) == 0;
}

std::string usr_of(const clang::Decl* d) {
  llvm::SmallString<128> buf;
  if (clang::index::generateUSRForDecl(d->getCanonicalDecl(), buf)) return "";
  return buf.str().str();
}

std::optional<long long> constant_int(const clang::Expr* e, const clang::ASTContext& context) {
  if (!e || e->isValueDependent() || e->isTypeDependent()) return std::nullopt;
  clang::Expr::EvalResult r;
  if (!e->EvaluateAsInt(r, context)) return std::nullopt;
  return r.Val.getInt().getExtValue();
}

}  // namespace connlint::cpp
