#include "facts/serialize.h"

#include <cstring>
#include <span>
#include <unordered_map>

namespace connlint::facts {

namespace {

// Upper bound for any element count, so a corrupted length cannot make the reader allocate gigabytes.
constexpr std::uint64_t kMaxCount = 1u << 24;

class Writer {
 public:
  void u(std::uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>((v & 0x7F) | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void i(std::int64_t v) { u(static_cast<std::uint64_t>((v << 1) ^ (v >> 63))); }  // zigzag
  void b(bool v) { out_ += v ? '\1' : '\0'; }
  void d(double v) {
    char buf[sizeof v];
    std::memcpy(buf, &v, sizeof v);
    out_.append(buf, sizeof v);
  }
  void s(const std::string& v) {
    u(v.size());
    out_ += v;
  }
  // Names go into the file's name table (written before the body) and are written as their index there: each
  // distinct name is stored, and interned when read, once per file.
  void n(Name v) {
    auto [it, added] = name_index_.try_emplace(v, static_cast<std::uint32_t>(names_.size()));
    if (added) names_.push_back(v);
    u(it->second);
  }
  void names(std::span<const Name> v) {
    u(v.size());
    for (auto x : v) n(x);
  }
  void span(const Span& v) {
    u(v.line);
    u(v.column);
    u(v.end_line);
    u(v.end_column);
  }
  void value(const ValueRef& v) {
    i(v.symbol);
    n(v.global());
    n(v.module());
    i(v.this_class);
    i(v.function);
    names(v.steps.vector());
  }
  void values(std::span<const ValueRef> v) {
    u(v.size());
    for (const auto& x : v) value(x);
  }
  void ids(std::span<const std::int32_t> v) {
    u(v.size());
    for (auto x : v) i(x);
  }
  // The format version, the name table, then the body.
  std::string take() {
    Writer head;
    head.u(kFactsFormatVersion);
    head.u(names_.size());
    for (auto name : names_) head.s(name);
    return std::move(head.out_) + out_;
  }

 private:
  std::string out_;
  std::vector<Name> names_;
  std::unordered_map<Name, std::uint32_t> name_index_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  [[noreturn]] static void fail(const char* what) { throw CorruptFacts(what); }
  std::uint64_t u() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) fail("truncated");
      auto byte = static_cast<unsigned char>(in_[pos_++]);
      v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return v;
    }
    fail("bad varint");
  }
  std::int64_t i() {
    std::uint64_t z = u();
    return static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
  }
  std::int32_t id() {
    std::int64_t v = i();
    if (v < -1 || v > static_cast<std::int64_t>(kMaxCount)) fail("bad index");
    return static_cast<std::int32_t>(v);
  }
  std::uint32_t u32() {
    std::uint64_t v = u();
    if (v > 0xFFFFFFFFull) fail("bad number");
    return static_cast<std::uint32_t>(v);
  }
  std::size_t count() {
    std::uint64_t n = u();
    if (n > kMaxCount || n > in_.size() - pos_ + 1) fail("bad count");
    return static_cast<std::size_t>(n);
  }
  bool b() {
    if (pos_ >= in_.size()) fail("truncated");
    char c = in_[pos_++];
    if (c != 0 && c != 1) fail("bad bool");
    return c == 1;
  }
  double d() {
    double v;
    if (in_.size() - pos_ < sizeof v) fail("truncated");
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::string_view sv() {
    std::uint64_t n = u();
    if (n > in_.size() - pos_) fail("bad string length");
    std::string_view v = in_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  std::string s() { return std::string(sv()); }
  void read_name_table() {
    names_.resize(count());
    for (auto& x : names_) x = Name(sv());
  }
  Name n() {
    std::uint64_t k = u();
    if (k >= names_.size()) fail("bad name index");
    return names_[k];
  }
  std::vector<Name> names() {
    std::vector<Name> v(count());
    for (auto& x : v) x = n();
    return v;
  }
  FactList<Name> name_list() {
    FactList<Name> v;
    v.resize(count());
    for (auto& x : v) x = n();
    return v;
  }
  Span span() { return Span{u32(), u32(), u32(), u32()}; }
  ValueRef value() {
    ValueRef v;
    v.symbol = id();
    Name global = n(), module = n();
    if (!module.empty() && !global.empty()) fail("a value with two roots");
    if (module.empty())
      v.set_global(global);
    else
      v.set_module(module);
    v.this_class = id();
    v.function = id();
    v.steps = names();
    return v;
  }
  FactList<ValueRef> values() {
    FactList<ValueRef> v;
    v.resize(count());
    for (auto& x : v) x = value();
    return v;
  }
  FactList<std::int32_t> ids() {
    FactList<std::int32_t> v;
    v.resize(count());
    for (auto& x : v) x = id();
    return v;
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  std::vector<Name> names_;
};

template <typename T>
void check_index(std::int32_t id, const T& list) {
  if (id != kNone && (id < 0 || static_cast<std::size_t>(id) >= list.size())) Reader::fail("index out of range");
}

// Lists of ids (a symbol's reads, a function's parameters, a loop's exit symbols) hold real entries only: rules index
// with them directly, so kNone there is corruption too.
template <typename T>
void check_member(std::int32_t id, const T& list) {
  if (id < 0 || static_cast<std::size_t>(id) >= list.size()) Reader::fail("index out of range");
}

// Connection strings in string literals (the pool-config rules; the reporters mask their passwords).
void connection_url(Writer& w, const ConnectionUrl& url) {
  w.s(url.text);
  w.span(url.span);
  w.s(url.scheme);
  w.s(url.user);
  w.b(url.has_password);
  w.s(url.password_raw);
  w.span(url.password_span);
  w.b(url.password_placeholder);
  w.u(url.hosts.size());
  for (const auto& h : url.hosts) {
    w.s(h.name);
    w.u(h.port);
    w.span(h.span);
    w.span(h.port_span);
    w.b(h.placeholder);
  }
  w.s(url.database);
  w.u(url.params.size());
  for (const auto& p : url.params) {
    w.s(p.key);
    w.s(p.value);
    w.span(p.span);
  }
  w.s(url.key);
  w.i(url.call);
}

ConnectionUrl connection_url(Reader& r) {
  ConnectionUrl url;
  url.text = r.s();
  url.span = r.span();
  url.scheme = r.s();
  url.user = r.s();
  url.has_password = r.b();
  url.password_raw = r.s();
  url.password_span = r.span();
  url.password_placeholder = r.b();
  url.hosts.resize(r.count());
  for (auto& h : url.hosts) {
    h.name = r.s();
    h.port = r.u32();
    h.span = r.span();
    h.port_span = r.span();
    h.placeholder = r.b();
  }
  url.database = r.s();
  url.params.resize(r.count());
  for (auto& p : url.params) {
    p.key = r.s();
    p.value = r.s();
    p.span = r.span();
  }
  url.key = r.s();
  url.call = r.id();
  return url;
}

void object_props(Writer& w, const ObjectProps& o) {
  w.u(o.numeric_props.size());
  for (const auto& [k, v] : o.numeric_props) {
    w.n(k);
    w.d(v);
  }
  w.u(o.prop_spans.size());
  for (const auto& [k, sp] : o.prop_spans) {
    w.n(k);
    w.span(sp);
  }
  w.values(o.props_values);
  w.names(o.prop_names);
  w.u(o.bool_props.size());
  for (const auto& [k, v] : o.bool_props) {
    w.n(k);
    w.b(v);
  }
  w.b(o.has_spread);
}

ObjectProps object_props(Reader& r) {
  ArenaScope heap(nullptr);  // shared between copies of the argument, so not tied to one file's arena
  ObjectProps o;
  o.numeric_props.resize(r.count());
  for (auto& [k, v] : o.numeric_props) {
    k = r.n();
    v = r.d();
  }
  o.prop_spans.resize(r.count());
  for (auto& [k, sp] : o.prop_spans) {
    k = r.n();
    sp = r.span();
  }
  o.props_values = r.values();
  o.prop_names = r.name_list();
  if (o.prop_names.size() != o.props_values.size()) Reader::fail("property names and values differ in number");
  o.bool_props.resize(r.count());
  for (auto& [k, v] : o.bool_props) {
    k = r.n();
    v = r.b();
  }
  o.has_spread = r.b();
  return o;
}

}  // namespace

std::string serialize(const FileFacts& f) {
  Writer w;
  w.s(f.path);
  w.s(f.language);
  w.u(f.symbols.size());
  for (const auto& s : f.symbols) {
    w.n(s.name);
    w.u(static_cast<std::uint8_t>(s.kind));
    w.i(s.function);
    w.span(s.span);
    w.values(s.values);
    w.n(s.destructured_from);
    w.n(s.import_source);
    w.n(s.import_name);
    w.i(s.body);
    w.value(s.type);
    w.b(s.exported);
    w.i(s.class_id);
    w.i(s.param_index);
    w.b(s.escapes);
    w.ids(s.reads);
    w.b(s.has_constant);
    w.d(s.constant);
  }
  w.u(f.exports.size());
  for (const auto& e : f.exports) {
    w.n(e.name);
    w.i(e.symbol);
    w.value(e.value);
    w.i(e.function);
    w.b(e.commonjs);
    w.n(e.from_source);
    w.n(e.from_name);
  }
  w.u(f.functions.size());
  for (const auto& fn : f.functions) {
    w.n(fn.name);
    w.i(fn.parent);
    w.span(fn.span);
    w.b(fn.is_async);
    w.u(static_cast<std::uint8_t>(fn.role));
    w.i(fn.argument_of);
    w.i(fn.argument_index);
    w.i(fn.method_of);
    w.names(fn.decorators);
    w.ids(fn.params);
    w.values(fn.returns);
  }
  w.u(f.classes.size());
  for (const auto& c : f.classes) {
    w.n(c.name);
    w.i(c.symbol);
    w.span(c.span);
    w.value(c.extends);
    w.names(c.decorators);
    w.u(c.fields.size());
    for (const auto& field : c.fields) {
      w.n(field.name);
      w.span(field.span);
      w.values(field.values);
      w.value(field.type);
    }
  }
  w.u(f.loops.size());
  for (const auto& l : f.loops) {
    w.u(static_cast<std::uint8_t>(l.kind));
    w.span(l.header);
    w.n(l.method);
    w.i(l.function);
    w.i(l.parent);
    w.b(l.in_promise_combinator);
    w.b(l.literal_iterable);
    w.b(l.small_bound);
    w.b(l.has_exit);
    w.ids(l.exit_symbols);
    w.span(l.body);
  }
  w.u(f.calls.size());
  for (const auto& c : f.calls) {
    w.span(c.span);
    w.span(c.callee_span);
    w.value(c.callee);
    w.i(c.function);
    w.i(c.loop);
    w.u((c.awaited ? 1u : 0u) | (c.tagged_template ? 2u : 0u) | (c.construct ? 4u : 0u) | (c.chained ? 8u : 0u) |
        (c.at_module_scope ? 16u : 0u) | (c.in_finally ? 32u : 0u) | (c.in_catch ? 64u : 0u) |
        (c.in_try ? 128u : 0u) | (c.result_escapes ? 256u : 0u) | (c.stored_globally ? 512u : 0u) | (c.batched ? 1024u : 0u));
    w.u(c.args.size());
    for (const auto& a : c.args) {
      w.u(static_cast<std::uint8_t>(a.kind));
      w.i(a.function);
      w.value(a.value);
      w.span(a.span);
      w.b(a.object != nullptr);
      if (a.object) object_props(w, *a.object);
    }
    w.u(c.strings.size());
    for (const auto& s : c.strings) {
      w.s(s.text);
      w.span(s.span);
    }
    w.i(c.result);
    w.i(c.argument_of);
  }
  w.u(f.global_stores.size());
  for (const auto& g : f.global_stores) {
    w.span(g.span);
    w.n(g.property);
    w.values(g.values);
  }
  w.names(f.required_modules);
  w.u(f.connection_urls.size());
  for (const auto& url : f.connection_urls) connection_url(w, url);
  w.u((f.shebang ? 1u : 0u) | (f.top_level_await ? 2u : 0u) | (f.require_main ? 4u : 0u) | (f.edge_runtime ? 8u : 0u));
  w.u(f.notices.size());
  for (const auto& n : f.notices) {
    w.s(n.path);
    w.s(n.message);
  }
  return w.take();
}

FileFacts deserialize(std::string_view bytes) {
  Reader r(bytes);
  if (r.u() != kFactsFormatVersion) Reader::fail("other format version");
  r.read_name_table();
  FileFacts f;
  // The lists go straight into the file's arena: their sizes are known before they are read.
  f.arena = std::make_shared<Arena>();
  ArenaScope scope(f.arena.get());
  f.path = r.s();
  f.language = r.s();
  auto enum_of = [&](std::uint64_t max) {
    std::uint64_t v = r.u();
    if (v > max) Reader::fail("bad enum");
    return static_cast<std::uint8_t>(v);
  };
  f.symbols.resize(r.count());
  for (auto& s : f.symbols) {
    s.name = r.n();
    s.kind = static_cast<SymbolKind>(enum_of(4));
    s.function = r.id();
    s.span = r.span();
    s.values = r.values();
    s.destructured_from = r.n();
    s.import_source = r.n();
    s.import_name = r.n();
    s.body = r.id();
    s.type = r.value();
    s.exported = r.b();
    s.class_id = r.id();
    s.param_index = r.id();
    s.escapes = r.b();
    s.reads = r.ids();
    s.has_constant = r.b();
    s.constant = r.d();
  }
  f.exports.resize(r.count());
  for (auto& e : f.exports) {
    e.name = r.n();
    e.symbol = r.id();
    e.value = r.value();
    e.function = r.id();
    e.commonjs = r.b();
    e.from_source = r.n();
    e.from_name = r.n();
  }
  f.functions.resize(r.count());
  for (auto& fn : f.functions) {
    fn.name = r.n();
    fn.parent = r.id();
    fn.span = r.span();
    fn.is_async = r.b();
    fn.role = static_cast<FunctionRole>(enum_of(2));
    fn.argument_of = r.id();
    fn.argument_index = r.id();
    fn.method_of = r.id();
    fn.decorators = r.name_list();
    fn.params = r.ids();
    fn.returns = r.values();
  }
  f.classes.resize(r.count());
  for (auto& c : f.classes) {
    c.name = r.n();
    c.symbol = r.id();
    c.span = r.span();
    c.extends = r.value();
    c.decorators = r.name_list();
    c.fields.resize(r.count());
    for (auto& field : c.fields) {
      field.name = r.n();
      field.span = r.span();
      field.values = r.values();
      field.type = r.value();
    }
  }
  f.loops.resize(r.count());
  for (auto& l : f.loops) {
    l.kind = static_cast<LoopKind>(enum_of(6));
    l.header = r.span();
    l.method = r.n();
    l.function = r.id();
    l.parent = r.id();
    l.in_promise_combinator = r.b();
    l.literal_iterable = r.b();
    l.small_bound = r.b();
    l.has_exit = r.b();
    l.exit_symbols = r.ids();
    l.body = r.span();
  }
  f.calls.resize(r.count());
  for (auto& c : f.calls) {
    c.span = r.span();
    c.callee_span = r.span();
    c.callee = r.value();
    c.function = r.id();
    c.loop = r.id();
    std::uint64_t flags = r.u();
    c.awaited = flags & 1;
    c.tagged_template = flags & 2;
    c.construct = flags & 4;
    c.chained = flags & 8;
    c.at_module_scope = flags & 16;
    c.in_finally = flags & 32;
    c.in_catch = flags & 64;
    c.in_try = flags & 128;
    c.result_escapes = flags & 256;
    c.stored_globally = flags & 512;
    c.batched = flags & 1024;
    c.args.resize(r.count());
    for (auto& a : c.args) {
      a.kind = static_cast<Argument::Kind>(enum_of(5));
      a.function = r.id();
      a.value = r.value();
      a.span = r.span();
      if (r.b()) a.object = std::make_shared<const ObjectProps>(object_props(r));
    }
    c.strings.resize(r.count());
    for (auto& s : c.strings) {
      s.text = r.s();
      s.span = r.span();
    }
    c.result = r.id();
    c.argument_of = r.id();
  }
  f.global_stores.resize(r.count());
  for (auto& g : f.global_stores) {
    g.span = r.span();
    g.property = r.n();
    g.values = r.values();
  }
  f.required_modules = r.names();
  f.connection_urls.resize(r.count());
  for (auto& url : f.connection_urls) url = connection_url(r);
  std::uint64_t flags = r.u();
  f.shebang = flags & 1;
  f.top_level_await = flags & 2;
  f.require_main = flags & 4;
  f.edge_runtime = flags & 8;
  f.notices.resize(r.count());
  for (auto& n : f.notices) {
    n.path = r.s();
    n.message = r.s();
  }
  if (!r.done()) Reader::fail("trailing bytes");

  // Every cross-reference must point inside the file's own tables, or rules would index out of bounds.
  auto check_value = [&](const ValueRef& v) {
    check_index(v.symbol, f.symbols);
    check_index(v.this_class, f.classes);
    check_index(v.function, f.functions);
  };
  for (const auto& s : f.symbols) {
    check_index(s.function, f.functions);
    check_index(s.body, f.functions);
    check_index(s.class_id, f.classes);
    for (const auto& v : s.values) check_value(v);
    for (auto r : s.reads) check_member(r, f.symbols);
    check_value(s.type);
  }
  for (const auto& e : f.exports) {
    check_index(e.symbol, f.symbols);
    check_index(e.function, f.functions);
    check_value(e.value);
  }
  for (std::size_t k = 0; k < f.functions.size(); ++k) {
    const auto& fn = f.functions[k];
    if (fn.parent != kNone && static_cast<std::size_t>(fn.parent) >= k) Reader::fail("function parent order");
    check_index(fn.argument_of, f.calls);
    check_index(fn.method_of, f.classes);
    for (auto p : fn.params) check_member(p, f.symbols);
    for (const auto& v : fn.returns) check_value(v);
  }
  for (const auto& c : f.classes) {
    check_index(c.symbol, f.symbols);
    check_value(c.extends);
    for (const auto& field : c.fields) {
      for (const auto& v : field.values) check_value(v);
      check_value(field.type);
    }
  }
  for (std::size_t k = 0; k < f.loops.size(); ++k) {
    const auto& l = f.loops[k];
    check_index(l.function, f.functions);
    if (l.parent != kNone && static_cast<std::size_t>(l.parent) >= k) Reader::fail("loop parent order");
    for (auto s : l.exit_symbols) check_member(s, f.symbols);
  }
  for (const auto& c : f.calls) {
    check_value(c.callee);
    check_index(c.function, f.functions);
    check_index(c.loop, f.loops);
    check_index(c.result, f.symbols);
    check_index(c.argument_of, f.calls);
    for (const auto& a : c.args) {
      check_index(a.function, f.functions);
      check_value(a.value);
      for (const auto& v : a.props().props_values) check_value(v);
    }
  }
  for (const auto& g : f.global_stores)
    for (const auto& v : g.values) check_value(v);
  for (const auto& url : f.connection_urls) check_index(url.call, f.calls);
  return f;
}

}  // namespace connlint::facts
