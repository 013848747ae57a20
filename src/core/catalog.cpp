#include "core/catalog.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/embedded_data.h"

namespace connlint {

using nlohmann::json;

namespace {

[[noreturn]] void fail(std::string_view file, const std::string& what) {
  throw std::runtime_error(std::string(file) + ": " + what);
}

bool is_call_step(const std::string& s) { return s == "()" || s == "new" || s == "[]"; }

bool match_step(const std::string& pattern, const std::string& step) {
  if (pattern == "()") return step == "()";
  if (is_call_step(step)) return false;
  if (pattern == "*") return true;
  if (pattern.size() > 2 && pattern.front() == '{' && pattern.back() == '}') {
    std::string_view body(pattern.data() + 1, pattern.size() - 2);
    std::size_t start = 0;
    while (start <= body.size()) {
      auto comma = body.find(',', start);
      std::string_view alt = body.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      if (alt == step) return true;
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    return false;
  }
  return pattern == step;
}

template <typename Path>
bool match_from(const Pattern& p, std::size_t i, const Path& path, std::size_t j) {
  if (i == p.size()) return j == path.size();
  if (p[i] == "**") {
    for (std::size_t k = j; k <= path.size(); ++k)
      if (match_from(p, i + 1, path, k)) return true;
    return false;
  }
  return j < path.size() && match_step(p[i], path[j]) && match_from(p, i + 1, path, j + 1);
}

std::vector<std::string> strings(const json& doc, const char* key) {
  std::vector<std::string> out;
  if (auto it = doc.find(key); it != doc.end()) out = it->get<std::vector<std::string>>();
  return out;
}

}  // namespace

Pattern parse_pattern(std::string_view text) {
  Pattern parts;
  if (text.empty()) return parts;
  std::size_t start = 0;
  int braces = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] == '{') ++braces;
    if (i < text.size() && text[i] == '}') --braces;
    if (i == text.size() || (text[i] == '.' && braces == 0)) {
      parts.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

bool match_pattern(const Pattern& pattern, const std::vector<std::string>& path) {
  return match_from(pattern, 0, path, 0);
}

bool match_pattern(const Pattern& pattern, const std::vector<facts::Name>& path) {
  return match_from(pattern, 0, path, 0);
}

Catalog Catalog::builtin() {
  Catalog catalog;
  for (const auto& file : embedded_library_files()) catalog.add(file.name, file.content);
  return catalog;
}

void Catalog::add(std::string_view file_name, std::string_view json_text) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& e) {
    fail(file_name, e.what());
  }
  if (doc.is_object() && doc.value("language", "") == "cpp") {
    cpp_catalogs_.emplace_back(std::string(file_name), std::string(json_text));
    return;
  }
  try {
    Library lib;
    lib.id = doc.at("library").get<std::string>();
    lib.display_name = doc.value("display_name", lib.id);
    lib.language = doc.value("language", "typescript");
    lib.modules = doc.at("modules").get<std::vector<std::string>>();
    lib.module_suffixes = strings(doc, "module_suffixes");
    lib.pooled = doc.value("pooled", true);
    lib.slow = doc.value("slow", false);
    lib.globals = strings(doc, "globals");
    for (const auto& c : doc.value("constructors", json::array())) {
      LibraryConstructor ctor;
      ctor.export_path = c.at("export").get<std::string>();
      ctor.uses_new = c.value("new", true);
      ctor.handle = c.at("handle").get<std::string>();
      lib.constructors.push_back(std::move(ctor));
    }
    const json handles = doc.value("handles", json::object());
    for (const auto& [name, h] : handles.items()) {
      HandleKind kind;
      kind.pooled = h.value("pooled", true);
      kind.types = strings(h, "types");
      for (const auto& q : h.value("queries", json::array())) kind.queries.push_back(parse_pattern(q.get<std::string>()));
      const json returns = h.value("returns", json::object());
      for (const auto& [pattern, target] : returns.items())
        kind.returns.emplace_back(parse_pattern(pattern), target.get<std::string>());
      kind.close = strings(h, "close");
      kind.release = strings(h, "release");
      lib.handles[name] = std::move(kind);
    }
    for (const auto& a : doc.value("acquire", json::array())) {
      AcquireSpec spec;
      spec.handle = a.at("handle").get<std::string>();
      spec.call = parse_pattern(a.at("call").get<std::string>());
      spec.release = strings(a, "release");
      spec.session = a.value("session", false);
      lib.acquire.push_back(std::move(spec));
    }
    for (const auto& t : doc.value("transactions", json::array())) {
      TransactionSpec spec;
      spec.handle = t.at("handle").get<std::string>();
      spec.call = parse_pattern(t.at("call").get<std::string>());
      spec.callback_arg = t.value("callback_arg", -1);
      spec.tx_handle = t.value("tx_handle", "");
      spec.options_arg = t.value("options_arg", -1);
      spec.timeout_keys = strings(t, "timeout_keys");
      spec.default_timeout_ms = t.value("default_timeout_ms", 0.0);
      lib.transactions.push_back(std::move(spec));
    }
    for (const auto& m : doc.value("model_bases", json::array()))
      lib.model_bases.push_back({m.at("export").get<std::string>(), m.at("handle").get<std::string>()});
    lib.batching = doc.value("batching", "");

    auto check_kind = [&](const std::string& kind, const std::string& where) {
      if (!kind.empty() && !lib.handles.count(kind)) fail(file_name, where + " names unknown handle kind '" + kind + "'");
    };
    for (const auto& c : lib.constructors) check_kind(c.handle, "constructor '" + c.export_path + "'");
    for (const auto& [name, kind] : lib.handles)
      for (const auto& r : kind.returns) check_kind(r.second, "handles." + name + ".returns");
    for (const auto& a : lib.acquire) check_kind(a.handle, "acquire");
    for (const auto& t : lib.transactions) {
      check_kind(t.handle, "transactions");
      check_kind(t.tx_handle, "transactions.tx_handle");
    }
    for (const auto& m : lib.model_bases) check_kind(m.handle, "model_bases");
    libraries_.push_back(std::move(lib));
  } catch (const json::exception& e) {
    fail(file_name, e.what());
  }
}

const Library* Catalog::library_for_module(std::string_view specifier) const {
  for (const auto& lib : libraries_)
    for (const auto& m : lib.modules)
      if (m == specifier) return &lib;
  // Node's `node:` prefix names the same built-in module.
  if (specifier.rfind("node:", 0) == 0) return library_for_module(specifier.substr(5));
  // Generated clients are imported by path (`../generated/prisma/client.js`, `generated/prisma` via baseUrl):
  // compare without the extension and `/index`, and as if the path started with `/`.
  std::string spec = "/" + std::string(specifier);
  for (const char* ext : {".js", ".ts", ".mjs", ".cjs", ".mts"}) {
    std::string e(ext);
    if (spec.size() > e.size() && spec.compare(spec.size() - e.size(), e.size(), e) == 0) {
      spec.resize(spec.size() - e.size());
      break;
    }
  }
  if (spec.size() > 6 && spec.compare(spec.size() - 6, 6, "/index") == 0) spec.resize(spec.size() - 6);
  for (const auto& lib : libraries_)
    for (std::string suffix : lib.module_suffixes) {
      if (suffix.empty()) continue;
      if (suffix.front() != '/' && suffix.front() != '.') suffix = "/" + suffix;
      if (spec.size() >= suffix.size() && spec.compare(spec.size() - suffix.size(), suffix.size(), suffix) == 0)
        return &lib;
    }
  return nullptr;
}

const Library* Catalog::library_for_global(std::string_view name) const {
  for (const auto& lib : libraries_)
    for (const auto& g : lib.globals)
      if (g == name) return &lib;
  return nullptr;
}

}  // namespace connlint
