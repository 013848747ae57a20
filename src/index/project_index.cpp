#include "index/project_index.h"

#include <cctype>

namespace connlint::index {

using facts::FunctionId;
using facts::kNone;
using facts::SymbolKind;
using facts::ValueRef;
using Kind = Resolved::Kind;

namespace {
// Re-export, alias and class chains longer than this are cut (cycles are also caught by in-progress marks).
constexpr int kMaxDepth = 40;

std::string join(const std::vector<facts::Name>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "." : "") + parts[i];
  return out;
}

bool is_call_step(const std::string& s) { return s == ValueRef::kCall || s == ValueRef::kNew; }

std::string last_member(const ValueRef& v) {
  for (auto it = v.steps.rbegin(); it != v.steps.rend(); ++it)
    if (!is_call_step(*it) && *it != ValueRef::kComputed) return *it;
  return {};
}
}  // namespace

ProjectIndex::ProjectIndex(std::vector<File> files, const Catalog& catalog,
                           std::vector<facts::ConfigFacts> config_files)
    : files_(std::move(files)), config_files_(std::move(config_files)), catalog_(catalog) {
  symbol_memo_.resize(files_.size());
  return_memo_.resize(files_.size());
  for (FileId f = 0; f < static_cast<FileId>(files_.size()); ++f) {
    symbol_memo_[f].resize(files_[f].facts.symbols.size());
    return_memo_[f].resize(files_[f].facts.functions.size());
  }
  call_slot_.resize(files_.size());
  for (FileId f = 0; f < static_cast<FileId>(files_.size()); ++f) {
    const auto& calls = files_[f].facts.calls;
    call_slot_[f].reserve(calls.size());
    for (const auto& c : calls) {
      CallInfo info = classify(f, c);
      bool blank = info.kind == CallInfo::Kind::Other && !info.library && info.handle_kind.empty() &&
                   !info.transaction && !info.acquire && info.target_file == -1 &&
                   info.target_function == facts::kNone && info.receiver == facts::kNone && !info.wraps_handle;
      if (!blank) call_infos_.push_back(info);
      call_slot_[f].push_back(blank ? 0 : static_cast<std::uint32_t>(call_infos_.size() - 1));
    }
  }
  owner_.resize(files_.size());
  for (FileId f = 0; f < static_cast<FileId>(files_.size()); ++f) {
    const auto& fns = files_[f].facts.functions;
    owner_[f].resize(fns.size());
    for (FunctionId g = 0; g < static_cast<FunctionId>(fns.size()); ++g) {
      // Functions appear after their parents, so a parent's owner is known.
      const auto& fn = fns[g];
      bool inline_callback = fn.role == facts::FunctionRole::ArrayCallback;
      if (fn.role == facts::FunctionRole::Argument && fn.argument_of != kNone) {
        const auto& call = files_[f].facts.calls[fn.argument_of];
        std::string method = last_member(call.callee);
        const CallInfo& info = this->call(f, fn.argument_of);
        inline_callback = method == "then" || method == "catch" || method == "finally" ||
                          (call.construct && call.callee.global() == "Promise" && call.callee.steps.empty()) ||
                          info.kind == CallInfo::Kind::Transaction || info.kind == CallInfo::Kind::Acquire;
      }
      owner_[f][g] = inline_callback ? (fn.parent == kNone ? kNone : owner_[f][fn.parent]) : g;
    }
  }
}

FunctionId ProjectIndex::owner(FileId file, FunctionId fn) const {
  return fn == kNone ? kNone : owner_[file][fn];
}

Location ProjectIndex::location(FileId file, const facts::Span& span) const {
  return Location{files_[file].facts.path, span.line, span.column, span.end_line, span.end_column};
}

std::string ProjectIndex::function_name(FileId file, FunctionId fn) const {
  const auto& fns = files_[file].facts.functions;
  for (; fn != kNone; fn = fns[fn].parent)
    if (!fns[fn].name.empty()) return fns[fn].name;
  return {};
}

std::string ProjectIndex::value_text(FileId file, const ValueRef& v) const {
  std::string text = v.symbol != kNone ? files_[file].facts.symbols[v.symbol].name.str()
                                       : (!v.module().empty() ? "require('" + v.module() + "')" : v.global().str());
  for (const auto& step : v.steps) {
    if (step == ValueRef::kCall) text += "()";
    else if (step == ValueRef::kNew) text = "new " + text;
    else if (step == ValueRef::kComputed) text += "[...]";
    else text += "." + step;
  }
  return text;
}

Resolved ProjectIndex::resolve(FileId file, const ValueRef& value) const { return resolve_value(file, value, 0); }

Resolved ProjectIndex::resolve_symbol(FileId file, facts::SymbolId symbol) const {
  return resolve_symbol(file, symbol, 0);
}

Resolved ProjectIndex::best_of(FileId file, std::span<const ValueRef> values, int depth) const {
  Resolved best;
  for (const auto& v : values) {
    Resolved r = resolve_value(file, v, depth + 1);
    if (r.kind == Kind::Handle) return r;
    if (best.kind == Kind::Unknown) best = std::move(r);
  }
  return best;
}

Resolved ProjectIndex::apply_step(Resolved base, const std::string& step, FileId file, int depth) const {
  switch (base.kind) {
    case Kind::Unknown:
      return base;
    case Kind::Namespace:
      if (is_call_step(step) || step == ValueRef::kComputed) return Resolved{};
      return resolve_export(base.file, step, depth + 1);
    case Kind::LibraryExport: {
      const Library* lib = base.library;
      if (!is_call_step(step)) {
        base.path.push_back(step);
        return base;
      }
      bool uses_new = step == ValueRef::kNew;
      std::string path = join(base.path);
      for (const auto& ctor : lib->constructors) {
        if (ctor.export_path != path || ctor.uses_new != uses_new) continue;
        Resolved made;
        made.kind = Kind::Handle;
        made.library = lib;
        made.handle_kind = ctor.handle;
        made.file = file;
        return made;
      }
      if (lib->slow) {
        // A client made from a slow library stays slow (`new OpenAI()` -> `.chat.completions.create()`); what a
        // slow call returns is data (`(await fetch(url)).headers.has(...)`, `data.scope.split()` is not I/O).
        if (step == ValueRef::kCall && !base.path.empty()) {
          const std::string& fn = base.path.back();
          bool factory = fn.rfind("create", 0) == 0 || (!fn.empty() && std::isupper(static_cast<unsigned char>(fn[0])));
          if (!factory) return Resolved{};  // `nodemailer.createTransport()` and `OpenAI()` make clients; the rest data
        }
        base.path.push_back(step);
        return base;
      }
      return Resolved{};
    }
    case Kind::Handle: {
      // `pool.connect()` is a connection, `ds.manager` an entity manager: a `returns` pattern switches the kind.
      base.path.push_back(step);
      const auto& kind = base.library->handles.at(base.handle_kind);
      for (const auto& [pattern, target] : kind.returns) {
        if (!match_pattern(pattern, base.path)) continue;
        base.handle_kind = target;
        base.path.clear();
        break;
      }
      return base;
    }
    case Kind::Function:
      if (step == ValueRef::kCall) return function_result(base.file, base.id, depth + 1);
      return Resolved{};
    case Kind::Class:
      if (step == ValueRef::kNew) return instance_of(base.file, base.id, depth + 1);
      return Resolved{};
    case Kind::Instance:
      if (is_call_step(step) || step == ValueRef::kComputed) return Resolved{};
      return member_of_instance(base.file, base.id, step, depth + 1);
  }
  return Resolved{};
}

Resolved ProjectIndex::resolve_value(FileId file, const ValueRef& value, int depth) const {
  if (depth > kMaxDepth || !value.known()) return Resolved{};
  Resolved base;
  if (value.symbol != kNone) {
    base = resolve_symbol(file, value.symbol, depth + 1);
  } else if (!value.module().empty()) {
    base = resolve_import(file, value.module(), "=require", depth + 1);
  } else if (value.global() == "this" && value.this_class != kNone) {
    base = instance_of(file, value.this_class, depth + 1);
  } else if (value.function != kNone) {
    base.kind = Kind::Function;
    base.file = file;
    base.id = value.function;
  } else if (const Library* lib = catalog_.library_for_global(value.global())) {
    base.kind = Kind::LibraryExport;
    base.library = lib;
    base.path.push_back(value.global());
  }
  for (const auto& step : value.steps) {
    if (base.kind == Kind::Unknown) break;
    base = apply_step(std::move(base), step, file, depth);
  }
  return base;
}

void ProjectIndex::remember(Memo& memo, const Resolved& value) const {
  bool blank = value.kind == Kind::Unknown && !value.library && value.handle_kind.empty() && value.path.empty() &&
               value.file < 0 && value.id == kNone && value.origin_file < 0;
  if (blank) {
    memo.slot = 0;
  } else {
    memo.slot = static_cast<std::uint32_t>(resolved_.size());
    resolved_.push_back(value);
  }
  memo.state = Memo::Done;
}

Resolved ProjectIndex::resolve_symbol(FileId file, facts::SymbolId symbol, int depth) const {
  Memo& memo = symbol_memo_[file][symbol];
  if (memo.state == Memo::Done) return remembered(memo);
  if (depth > kMaxDepth || memo.state == Memo::InProgress) return Resolved{};
  memo.state = Memo::InProgress;
  const facts::Symbol& sym = files_[file].facts.symbols[symbol];
  Resolved result;
  switch (sym.kind) {
    case SymbolKind::Import:
      result = resolve_import(file, sym.import_source, sym.import_name, depth);
      break;
    case SymbolKind::Variable:
      // A variable is a handle when any value it may hold is one (`globalThis.prisma ?? new PrismaClient()`).
      result = best_of(file, sym.values, depth);
      if (result.kind == Kind::Unknown && sym.type.known()) result = resolve_type(file, sym.type, depth + 1);
      if (result.kind == Kind::Handle && result.origin_file < 0) {
        result.origin_file = file;
        result.origin_span = sym.span;
      }
      break;
    case SymbolKind::Parameter:
      result = resolve_parameter(file, sym, depth);
      break;
    case SymbolKind::Function:
      if (sym.body != kNone) {
        result.kind = Kind::Function;
        result.file = file;
        result.id = sym.body;
      }
      break;
    case SymbolKind::Class:
      if (sym.class_id != kNone) result = class_value(file, sym.class_id, depth + 1);
      break;
  }
  Memo& done = symbol_memo_[file][symbol];
  remember(done, result);
  return result;
}

Resolved ProjectIndex::resolve_import(FileId file, const std::string& source, const std::string& name,
                                      int depth) const {
  if (const Library* lib = catalog_.library_for_module(source)) {
    Resolved r;
    r.kind = Kind::LibraryExport;
    r.library = lib;
    if (name != "default" && name != "*" && name != "=require") r.path.push_back(name);
    return r;
  }
  auto it = files_[file].imports.find(source);
  if (it == files_[file].imports.end() || !it->second) return Resolved{};
  FileId target = *it->second;
  if (name == "*" || name == "=require") {
    // `require()` of a CommonJS module gives its `module.exports = x`; otherwise the module's namespace.
    if (name == "=require")
      for (const auto& e : files_[target].facts.exports)
        if (e.name == "default" && e.commonjs) {
          Resolved r = resolve_export(target, "default", depth + 1);
          if (r.kind != Kind::Unknown) return r;
        }
    Resolved r;
    r.kind = Kind::Namespace;
    r.file = target;
    return r;
  }
  return resolve_export(target, name, depth + 1);
}

Resolved ProjectIndex::resolve_export(FileId file, const std::string& name, int depth) const {
  if (depth > kMaxDepth) return Resolved{};
  const auto& f = files_[file];
  for (const auto& e : f.facts.exports) {
    if (e.name != name) continue;
    if (e.symbol != kNone) return resolve_symbol(file, e.symbol, depth + 1);
    if (e.function != kNone) {
      Resolved r;
      r.kind = Kind::Function;
      r.file = file;
      r.id = e.function;
      return r;
    }
    if (!e.from_source.empty()) return resolve_import(file, e.from_source, e.from_name, depth + 1);
    return resolve_value(file, e.value, depth + 1);
  }
  // `export * from './m'` forwards every name but the default.
  if (name != "default") {
    for (const auto& e : f.facts.exports) {
      if (e.name != "*" || e.from_source.empty()) continue;
      Resolved r = resolve_import(file, e.from_source, name, depth + 1);
      if (r.kind != Kind::Unknown) return r;
    }
  }
  return Resolved{};
}

// A declared type names a handle when it is one of a library's handle types (`PrismaClient`, `PoolClient`), or a
// project class that is or extends a client (`class PrismaService extends PrismaClient`).
Resolved ProjectIndex::resolve_type(FileId file, const ValueRef& type, int depth) const {
  Resolved r = resolve_value(file, type, depth + 1);
  if (r.kind == Kind::LibraryExport) {
    std::string path = join(r.path);
    for (const auto& [name, kind] : r.library->handles)
      for (const auto& t : kind.types)
        if (t == path) {
          Resolved h;
          h.kind = Kind::Handle;
          h.library = r.library;
          h.handle_kind = name;
          h.file = file;
          return h;
        }
    return Resolved{};
  }
  if (r.kind == Kind::Class) return instance_of(r.file, r.id, depth + 1);
  if (r.kind == Kind::Handle) return r;  // a model class used as a type
  return Resolved{};
}

// Parameters are handles when annotated with a handle type, or when they are the callback parameter of a
// transaction (`prisma.$transaction(async (tx) => ...)`: `tx` is a client).
Resolved ProjectIndex::resolve_parameter(FileId file, const facts::Symbol& sym, int depth) const {
  if (sym.type.known()) {
    Resolved typed = resolve_type(file, sym.type, depth + 1);
    if (typed.kind != Kind::Unknown) return typed;
  }
  if (sym.function == kNone || sym.param_index != 0) return Resolved{};
  const auto& fn = files_[file].facts.functions[sym.function];
  if (fn.role != facts::FunctionRole::Argument || fn.argument_of == kNone) return Resolved{};
  const auto& call = files_[file].facts.calls[fn.argument_of];
  Resolved callee = resolve_value(file, call.callee, depth + 1);
  if (callee.kind != Kind::Handle) return Resolved{};
  for (const auto& tx : callee.library->transactions) {
    if (tx.handle != callee.handle_kind || !match_pattern(tx.call, callee.path) || tx.tx_handle.empty()) continue;
    if (tx.callback_arg < 0 || fn.argument_index < tx.callback_arg) continue;
    Resolved r;
    r.kind = Kind::Handle;
    r.library = callee.library;
    r.handle_kind = tx.tx_handle;
    r.file = file;
    r.origin_file = file;
    r.origin_span = call.span;
    return r;
  }
  return Resolved{};
}

Resolved ProjectIndex::function_result(FileId file, FunctionId fn, int depth) const {
  Memo& memo = return_memo_[file][fn];
  if (memo.state == Memo::Done) return remembered(memo);
  if (depth > kMaxDepth || memo.state == Memo::InProgress) return Resolved{};
  memo.state = Memo::InProgress;
  Resolved r = best_of(file, files_[file].facts.functions[fn].returns, depth + 1);
  Memo& done = return_memo_[file][fn];
  remember(done, r);
  return r;
}

Resolved ProjectIndex::class_value(FileId file, facts::ClassId cls, int depth) const {
  // `class User extends Model`: the class itself is a model handle (`User.findAll()`).
  const auto& c = files_[file].facts.classes[cls];
  if (c.extends.known() && depth < kMaxDepth) {
    Resolved base = resolve_value(file, c.extends, depth + 1);
    if (base.kind == Kind::LibraryExport) {
      std::string path = join(base.path);
      for (const auto& m : base.library->model_bases)
        if (m.export_path == path) {
          Resolved h;
          h.kind = Kind::Handle;
          h.library = base.library;
          h.handle_kind = m.handle;
          h.file = file;
          h.origin_file = file;
          h.origin_span = c.span;
          return h;
        }
    }
  }
  Resolved r;
  r.kind = Kind::Class;
  r.file = file;
  r.id = cls;
  return r;
}

Resolved ProjectIndex::instance_of(FileId file, facts::ClassId cls, int depth) const {
  if (depth > kMaxDepth) return Resolved{};
  const auto& c = files_[file].facts.classes[cls];
  if (c.extends.known()) {
    Resolved base = resolve_value(file, c.extends, depth + 1);
    if (base.kind == Kind::LibraryExport) {
      Resolved made = apply_step(base, ValueRef::kNew, file, depth + 1);
      if (made.kind == Kind::Handle) {
        made.origin_file = file;
        made.origin_span = c.span;
        return made;
      }
    } else if (base.kind == Kind::Class) {
      Resolved parent = instance_of(base.file, base.id, depth + 1);
      if (parent.kind == Kind::Handle) return parent;
    }
  }
  Resolved r;
  r.kind = Kind::Instance;
  r.file = file;
  r.id = cls;
  return r;
}

Resolved ProjectIndex::member_of_instance(FileId file, facts::ClassId cls, const std::string& member,
                                          int depth) const {
  if (depth > kMaxDepth) return Resolved{};
  auto key = std::make_tuple(file, cls, member);
  {
    Memo& memo = member_memo_[key];
    if (memo.state == Memo::Done) return remembered(memo);
    if (memo.state == Memo::InProgress) return Resolved{};
    memo.state = Memo::InProgress;
  }
  Resolved r = member_of_instance_uncached(file, cls, member, depth);
  Memo& done = member_memo_[key];
  remember(done, r);
  return r;
}

Resolved ProjectIndex::member_of_instance_uncached(FileId file, facts::ClassId cls, const std::string& member,
                                                   int depth) const {
  const auto& facts = files_[file].facts;
  const auto& c = facts.classes[cls];
  for (const auto& f : c.fields) {
    if (f.name != member) continue;
    Resolved r = best_of(file, f.values, depth + 1);
    if (r.kind == Kind::Handle || r.kind == Kind::Function || r.kind == Kind::Instance) return r;
    if (f.type.known()) {
      Resolved typed = resolve_type(file, f.type, depth + 1);
      if (typed.kind != Kind::Unknown) return typed;
    }
    return r;
  }
  for (FunctionId fn = 0; fn < static_cast<FunctionId>(facts.functions.size()); ++fn)
    if (facts.functions[fn].method_of == cls && facts.functions[fn].name == member) {
      Resolved r;
      r.kind = Kind::Function;
      r.file = file;
      r.id = fn;
      return r;
    }
  // Inherited members.
  if (c.extends.known()) {
    Resolved base = resolve_value(file, c.extends, depth + 1);
    if (base.kind == Kind::Class) return member_of_instance(base.file, base.id, member, depth + 1);
  }
  return Resolved{};
}

CallInfo ProjectIndex::classify(FileId file, const facts::Call& call) const {
  CallInfo info;
  const auto& facts = files_[file].facts;
  Resolved callee = resolve_value(file, call.callee, 0);
  if (call.callee.symbol != kNone) info.receiver = call.callee.symbol;

  auto construct_from = [&](const Resolved& made) {
    if (made.kind != Kind::Handle || !made.library->pooled || !made.library->handles.at(made.handle_kind).pooled)
      return false;
    info.kind = CallInfo::Kind::Construct;
    info.library = made.library;
    info.handle_kind = made.handle_kind;
    // `drizzle(pool)`: a wrapper over a pooled handle that already exists is not a second pool. A driver adapter
    // (`new PrismaClient({ adapter: new PrismaPg(...) })`) is not a pooled handle, so the client still counts.
    auto pooled_handle = [&](const facts::ValueRef& v) {
      Resolved r = resolve_value(file, v, 0);
      return r.kind == Kind::Handle && r.library->pooled && r.library->handles.at(r.handle_kind).pooled;
    };
    for (const auto& a : call.args) {
      if (a.kind == facts::Argument::Kind::Value && pooled_handle(a.value)) info.wraps_handle = true;
      for (const auto& v : a.props().props_values)
        if (pooled_handle(v)) info.wraps_handle = true;
    }
    return true;
  };

  if (call.construct) {
    if (callee.kind == Kind::LibraryExport || callee.kind == Kind::Class)
      construct_from(apply_step(callee, ValueRef::kNew, file, 0));
    return info;
  }
  switch (callee.kind) {
    case Kind::Function:
      info.kind = CallInfo::Kind::Local;
      info.target_file = callee.file;
      info.target_function = callee.id;
      return info;
    case Kind::LibraryExport:
      if (callee.library->slow) {
        // Timers are slow work only as a sleep (inside a `new Promise` executor): scheduling is not waiting.
        bool timer = callee.path.size() == 1 && (callee.path[0] == "setTimeout" || callee.path[0] == "setInterval") &&
                     callee.library->globals.size() && call.callee.symbol == kNone;
        if (timer) {
          bool in_executor = false;
          if (call.function != kNone) {
            const auto& fn = facts.functions[call.function];
            if (fn.argument_of != kNone) {
              const auto& outer = facts.calls[fn.argument_of];
              in_executor = outer.construct && outer.callee.global() == "Promise";
            }
          }
          if (!in_executor) return info;
        }
        info.kind = CallInfo::Kind::Slow;
        info.library = callee.library;
        return info;
      }
      construct_from(apply_step(callee, ValueRef::kCall, file, 0));
      return info;
    case Kind::Handle: {
      const Library* lib = callee.library;
      if (!lib->pooled) return info;
      info.library = lib;
      info.handle_kind = callee.handle_kind;
      for (const auto& tx : lib->transactions)
        if (tx.handle == callee.handle_kind && match_pattern(tx.call, callee.path)) {
          info.kind = CallInfo::Kind::Transaction;
          info.transaction = &tx;
          return info;
        }
      for (const auto& a : lib->acquire)
        if (a.handle == callee.handle_kind && match_pattern(a.call, callee.path)) {
          info.kind = CallInfo::Kind::Acquire;
          info.acquire = &a;
          return info;
        }
      const auto& kind = lib->handles.at(callee.handle_kind);
      for (const auto& q : kind.queries) {
        if (!match_pattern(q, callee.path)) continue;
        // Builders (Drizzle, Knex) and tagged templates (postgres.js) run when awaited: only the outermost call of
        // a chain that is awaited, returned or passed on is a query, not a subquery or an `${sql`...`}` fragment.
        if (is_builder_pattern(q) || q.empty()) {
          if (call.chained) continue;
          // A builder rendered to SQL text (`knex('t').where(...).toQuery()`) is not run.
          if (!callee.path.empty()) {
            const std::string& last = callee.path.back();
            if (last == "toQuery" || last == "toSQL" || last == "toString" || last == "toNative" || last == "as")
              continue;
          }
          bool runs = call.awaited || call.result_escapes || (!callee.path.empty() && callee.path.back() == "then");
          if (!runs) continue;
        }
        info.kind = CallInfo::Kind::Query;
        return info;
      }
      if (callee.path.size() == 1) {
        for (const auto& c : kind.close)
          if (c == callee.path[0]) info.kind = CallInfo::Kind::Close;
        for (const auto& r : kind.release)
          if (r == callee.path[0]) info.kind = CallInfo::Kind::Release;
        for (const auto& a : lib->acquire)
          for (const auto& r : a.release)
            if (r == callee.path[0] && info.kind == CallInfo::Kind::Other) info.kind = CallInfo::Kind::Release;
      }
      return info;
    }
    default:
      return info;
  }
}

}  // namespace connlint::index
