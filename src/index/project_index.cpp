#include "index/project_index.h"

namespace connlint::index {

using facts::SymbolKind;
using facts::ValueRef;

namespace {
// Re-export and alias chains longer than this are cut (cycles are also caught by the in-progress marks).
constexpr int kMaxDepth = 32;

std::string join(const std::vector<std::string>& parts, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < parts.size(); ++i) out += (i > from ? "." : "") + parts[i];
  return out;
}
}  // namespace

ProjectIndex::ProjectIndex(std::vector<File> files, const Catalog& catalog)
    : files_(std::move(files)), catalog_(catalog) {}

Location ProjectIndex::location(FileId file, const facts::Span& span) const {
  return Location{files_[file].facts.path, span.line, span.column, span.end_line, span.end_column};
}

Resolved ProjectIndex::resolve(FileId file, const ValueRef& value) const { return resolve_value(file, value, 0); }

Resolved ProjectIndex::resolve_symbol(FileId file, facts::SymbolId symbol) const {
  return resolve_symbol(file, symbol, 0);
}

Resolved ProjectIndex::apply_steps(Resolved base, const std::vector<std::string>& steps, std::size_t first,
                                   FileId file, const ValueRef& value, int depth) const {
  for (std::size_t i = first; i < steps.size(); ++i) {
    const std::string& step = steps[i];
    switch (base.kind) {
      case Resolved::Kind::Unknown:
        return base;
      case Resolved::Kind::Namespace:
        if (step == ValueRef::kCall || step == ValueRef::kNew || step == ValueRef::kComputed) return Resolved{};
        base = resolve_export(base.file, step, depth + 1);
        break;
      case Resolved::Kind::LibraryExport: {
        if (step == ValueRef::kCall || step == ValueRef::kNew) {
          bool uses_new = step == ValueRef::kNew;
          std::string path = join(base.path);
          const Library* lib = base.library;
          Resolved made;
          for (const auto& ctor : lib->constructors) {
            if (ctor.export_path == path && ctor.uses_new == uses_new) {
              made.kind = Resolved::Kind::Handle;
              made.library = lib;
              made.handle_kind = ctor.handle;
              made.file = file;
              break;
            }
          }
          if (made.kind != Resolved::Kind::Handle) return Resolved{};
          base = std::move(made);
        } else {
          base.path.push_back(step);
        }
        break;
      }
      case Resolved::Kind::Handle:
        base.path.push_back(step);
        break;
    }
  }
  (void)value;
  return base;
}

Resolved ProjectIndex::resolve_value(FileId file, const ValueRef& value, int depth) const {
  if (depth > kMaxDepth || !value.known()) return Resolved{};
  Resolved base;
  if (value.symbol != facts::kNone) base = resolve_symbol(file, value.symbol, depth + 1);
  if (base.kind == Resolved::Kind::Unknown) return base;
  // A construction's origin is the `new` expression; the rules read it from the symbol that holds it.
  return apply_steps(std::move(base), value.steps, 0, file, value, depth);
}

Resolved ProjectIndex::resolve_symbol(FileId file, facts::SymbolId symbol, int depth) const {
  auto key = std::make_pair(file, symbol);
  if (auto hit = symbol_cache_.find(key); hit != symbol_cache_.end()) return hit->second;
  if (depth > kMaxDepth || in_progress_[key]) return Resolved{};
  in_progress_[key] = true;
  const facts::Symbol& sym = files_[file].facts.symbols[symbol];
  Resolved result;
  if (sym.kind == SymbolKind::Import) {
    result = resolve_import(file, sym, depth);
  } else if (sym.kind == SymbolKind::Variable) {
    // A variable is a handle when any value it may hold is one (`globalThis.prisma ?? new PrismaClient()`).
    for (const auto& v : sym.values) {
      Resolved r = resolve_value(file, v, depth + 1);
      if (r.kind == Resolved::Kind::Handle) {
        if (r.origin.path.empty()) r.origin = location(file, sym.span);
        result = std::move(r);
        break;
      }
      if (result.kind == Resolved::Kind::Unknown) result = std::move(r);
    }
  }
  in_progress_[key] = false;
  symbol_cache_[key] = result;
  return result;
}

Resolved ProjectIndex::resolve_import(FileId file, const facts::Symbol& sym, int depth) const {
  if (const Library* lib = catalog_.library_for_module(sym.import_source)) {
    Resolved r;
    r.kind = Resolved::Kind::LibraryExport;
    r.library = lib;
    if (sym.import_name != "default" && sym.import_name != "*") r.path.push_back(sym.import_name);
    return r;
  }
  auto it = files_[file].imports.find(sym.import_source);
  if (it == files_[file].imports.end() || !it->second) return Resolved{};
  FileId target = *it->second;
  if (sym.import_name == "*") {
    Resolved r;
    r.kind = Resolved::Kind::Namespace;
    r.file = target;
    return r;
  }
  return resolve_export(target, sym.import_name, depth + 1);
}

Resolved ProjectIndex::resolve_export(FileId file, const std::string& name, int depth) const {
  if (depth > kMaxDepth) return Resolved{};
  const auto& f = files_[file];
  for (const auto& e : f.facts.exports) {
    if (e.name != name) continue;
    if (e.symbol != facts::kNone) return resolve_symbol(file, e.symbol, depth + 1);
    if (!e.from_source.empty()) {
      if (const Library* lib = catalog_.library_for_module(e.from_source)) {
        Resolved r;
        r.kind = Resolved::Kind::LibraryExport;
        r.library = lib;
        if (e.from_name != "*" && e.from_name != "default") r.path.push_back(e.from_name);
        return r;
      }
      auto it = f.imports.find(e.from_source);
      if (it == f.imports.end() || !it->second) return Resolved{};
      if (e.from_name == "*") {
        Resolved r;
        r.kind = Resolved::Kind::Namespace;
        r.file = *it->second;
        return r;
      }
      return resolve_export(*it->second, e.from_name, depth + 1);
    }
    Resolved r = resolve_value(file, e.value, depth + 1);
    return r;
  }
  // `export * from './m'` forwards every name but the default.
  if (name != "default") {
    for (const auto& e : f.facts.exports) {
      if (e.name != "*" || e.from_source.empty()) continue;
      auto it = f.imports.find(e.from_source);
      if (it == f.imports.end() || !it->second) continue;
      Resolved r = resolve_export(*it->second, name, depth + 1);
      if (r.kind != Resolved::Kind::Unknown) return r;
    }
  }
  return Resolved{};
}

}  // namespace connlint::index
