#include "cpp/library_model.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/catalog.h"

namespace connlint::cpp {

using nlohmann::json;

namespace {

[[noreturn]] void fail(std::string_view file, const std::string& what) {
  throw std::runtime_error(std::string(file) + ": " + what);
}

std::vector<std::string> strings(const json& doc, const char* key) {
  std::vector<std::string> out;
  if (auto it = doc.find(key); it != doc.end()) out = it->get<std::vector<std::string>>();
  return out;
}

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  if (s.rfind("operator", 0) == 0 && s.size() > 8) return true;  // operator<<, operator()
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (!(std::isalpha(c) || c == '_' || (i > 0 && std::isdigit(c)))) return false;
  }
  return true;
}

HandleRole parse_role(std::string_view file, const std::string& role) {
  if (role == "connection") return HandleRole::Connection;
  if (role == "pool") return HandleRole::Pool;
  if (role == "checkout") return HandleRole::Checkout;
  if (role == "result") return HandleRole::Result;
  if (role == "transaction") return HandleRole::Transaction;
  fail(file, "unknown handle role '" + role + "' (connection, pool, checkout, result or transaction)");
}

bool any_of(const std::vector<std::string>& classes, const std::vector<std::string>& types) {
  for (const auto& c : classes)
    for (const auto& t : types)
      if (c == t) return true;
  return false;
}

}  // namespace

NamePattern parse_name_pattern(std::string_view text) {
  NamePattern p;
  std::string_view last = text;
  // The last `::` outside braces separates the scope from the name.
  int depth = 0;
  std::size_t split = std::string_view::npos;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}') --depth;
    if (depth == 0 && text[i] == ':' && text[i + 1] == ':') split = i;
  }
  if (split != std::string_view::npos) {
    p.scope = std::string(text.substr(0, split));
    last = text.substr(split + 2);
    if (p.scope.empty()) throw std::invalid_argument("empty scope in '" + std::string(text) + "'");
  }
  if (last.size() > 2 && last.front() == '{' && last.back() == '}') {
    std::string_view body = last.substr(1, last.size() - 2);
    std::size_t start = 0;
    while (true) {
      auto comma = body.find(',', start);
      p.names.emplace_back(
          body.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  } else {
    p.names.emplace_back(last);
  }
  for (const auto& n : p.names)
    if (!is_identifier(n)) throw std::invalid_argument("bad name '" + n + "' in '" + std::string(text) + "'");
  return p;
}

bool matches(const NamePattern& pattern, const Callee& callee) {
  bool named = false;
  for (const auto& n : pattern.names)
    if (n == callee.name) named = true;
  if (!named) return false;
  if (pattern.scope.empty()) return callee.scopes.empty() || callee.scopes.front().empty();
  for (const auto& s : callee.scopes)
    if (s == pattern.scope) return true;
  return false;
}

LibraryModel LibraryModel::from_catalog(const Catalog& catalog) {
  LibraryModel model;
  for (const auto& [name, text] : catalog.cpp_catalogs()) model.add(name, text);
  return model;
}

const CppLibrary* LibraryModel::library(std::string_view id) const {
  for (const auto& l : libraries_)
    if (l.id == id) return &l;
  return nullptr;
}

void LibraryModel::add(std::string_view file_name, std::string_view json_text) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& e) {
    fail(file_name, e.what());
  }
  CppLibrary lib;
  auto pattern = [&](const json& v, const std::string& where) {
    try {
      return parse_name_pattern(v.get<std::string>());
    } catch (const std::invalid_argument& e) {
      fail(file_name, where + ": " + e.what());
    }
  };
  try {
    if (doc.value("language", "") != "cpp") fail(file_name, "not a C/C++ catalog (\"language\": \"cpp\")");
    lib.id = doc.at("library").get<std::string>();
    lib.display_name = doc.value("display_name", lib.id);
    lib.modules = doc.at("modules").get<std::vector<std::string>>();
    lib.pooled = doc.value("pooled", true);
    lib.sql_dialect = doc.value("sql_dialect", "");
    lib.batching = doc.value("batching", "");
    lib.slow = doc.value("slow", false);
    const json globals = doc.value("globals", json::array());
    for (const auto& g : globals) lib.slow_calls.push_back(pattern(g, "globals"));
    lib.slow_types = strings(doc, "types");
    lib.request_types = strings(doc, "request_types");
    const json handles = doc.value("handles", json::object());
    for (const auto& [name, h] : handles.items()) {
      HandleKind kind;
      kind.name = name;
      kind.role = parse_role(file_name, h.at("role").get<std::string>());
      kind.types = strings(h, "types");
      kind.close = strings(h, "close");
      kind.self_closing = h.value("self_closing", false);
      if (kind.close.empty() && !kind.self_closing && kind.role != HandleRole::Transaction)
        fail(file_name, "handle '" + name + "' has neither `close` nor `self_closing`");
      lib.handles[name] = std::move(kind);
    }
    const json acquire = doc.value("acquire", json::array());
    for (const auto& a : acquire) {
      AcquireSpec spec;
      spec.call = pattern(a.at("call"), "acquire");
      spec.handle = a.at("handle").get<std::string>();
      spec.out_arg = a.value("out_arg", -1);
      spec.null_on_failure = a.value("null_on_failure", false);
      if (!lib.handles.count(spec.handle)) fail(file_name, "acquire names unknown handle kind '" + spec.handle + "'");
      lib.acquire.push_back(std::move(spec));
    }
    const json queries = doc.value("queries", json::array());
    for (const auto& q : queries) {
      QuerySpec spec;
      spec.call = pattern(q.at("call"), "queries");
      spec.sql_arg = q.value("sql_arg", -1);
      lib.queries.push_back(std::move(spec));
    }
    const json transactions = doc.value("transactions", json::array());
    for (const auto& t : transactions) {
      TransactionSpec spec;
      spec.type = t.value("type", "");
      if (t.contains("begin")) spec.begin = pattern(t.at("begin"), "transactions.begin");
      spec.begin_arg = t.value("begin_arg", -1);
      spec.begin_value = t.value("begin_value", 0LL);
      const json ends = t.value("end", json::array());
      for (const auto& e : ends) spec.end.push_back(pattern(e, "transactions.end"));
      if (spec.type.empty() == spec.begin.names.empty())
        fail(file_name, "a transaction has either a `type` or a `begin` call");
      if (spec.end.empty()) fail(file_name, "a transaction needs `end` calls");
      lib.transactions.push_back(std::move(spec));
    }
  } catch (const json::exception& e) {
    fail(file_name, e.what());
  }
  auto note = [&](const NamePattern& p) {
    for (const auto& n : p.names) ++names_[n];
  };
  for (const auto& a : lib.acquire) note(a.call);
  for (const auto& q : lib.queries) note(q.call);
  for (const auto& t : lib.transactions) {
    note(t.begin);
    for (const auto& e : t.end) note(e);
  }
  for (const auto& s : lib.slow_calls) note(s);
  for (const auto& [name, kind] : lib.handles)
    for (const auto& c : kind.close) ++names_[c];
  libraries_.push_back(std::move(lib));
}

LibraryModel::Match<AcquireSpec> LibraryModel::acquire(const Callee& callee) const {
  if (!known_name(callee.name)) return {};
  for (const auto& lib : libraries_)
    for (const auto& a : lib.acquire)
      if (matches(a.call, callee)) return {&lib, &a};
  return {};
}

LibraryModel::Match<QuerySpec> LibraryModel::query(const Callee& callee) const {
  if (!known_name(callee.name)) return {};
  for (const auto& lib : libraries_)
    for (const auto& q : lib.queries)
      if (matches(q.call, callee)) return {&lib, &q};
  return {};
}

LibraryModel::Match<TransactionSpec> LibraryModel::transaction_begin(const Callee& callee) const {
  if (!known_name(callee.name)) return {};
  for (const auto& lib : libraries_)
    for (const auto& t : lib.transactions)
      if (!t.begin.names.empty() && matches(t.begin, callee)) return {&lib, &t};
  return {};
}

bool LibraryModel::slow_call(const Callee& callee) const {
  if (!known_name(callee.name)) return false;
  for (const auto& lib : libraries_)
    for (const auto& s : lib.slow_calls)
      if (matches(s, callee)) return true;
  return false;
}

LibraryModel::Match<HandleKind> LibraryModel::handle_for_type(const std::vector<std::string>& classes) const {
  for (const auto& lib : libraries_)
    for (const auto& [name, kind] : lib.handles)
      if (any_of(classes, kind.types)) return {&lib, &kind};
  return {};
}

LibraryModel::Match<TransactionSpec> LibraryModel::transaction_type(const std::vector<std::string>& classes) const {
  for (const auto& lib : libraries_)
    for (const auto& t : lib.transactions)
      if (!t.type.empty() && any_of(classes, {t.type})) return {&lib, &t};
  return {};
}

bool LibraryModel::slow_type(const std::vector<std::string>& classes) const {
  for (const auto& lib : libraries_)
    if (any_of(classes, lib.slow_types)) return true;
  return false;
}

bool LibraryModel::request_type(const std::vector<std::string>& classes) const {
  for (const auto& lib : libraries_)
    if (any_of(classes, lib.request_types)) return true;
  return false;
}

bool LibraryModel::closes(const HandleKind& kind, std::string_view name) {
  for (const auto& c : kind.close)
    if (c == name) return true;
  return false;
}

bool LibraryModel::ends(const TransactionSpec& spec, const Callee& callee) {
  for (const auto& e : spec.end) {
    // A method name alone (`commit`) ends it when called on the transaction object.
    if (e.scope.empty()) {
      for (const auto& n : e.names)
        if (n == callee.name) return true;
    } else if (matches(e, callee)) {
      return true;
    }
  }
  return false;
}

}  // namespace connlint::cpp
