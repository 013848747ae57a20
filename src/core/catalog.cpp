#include "core/catalog.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/embedded_data.h"

namespace connlint {

using nlohmann::json;

namespace {

std::vector<std::string> split_path(std::string_view text) {
  std::vector<std::string> parts;
  if (text.empty()) return parts;
  std::size_t start = 0;
  while (true) {
    auto dot = text.find('.', start);
    parts.emplace_back(text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

[[noreturn]] void fail(std::string_view file, const std::string& what) {
  throw std::runtime_error(std::string(file) + ": " + what);
}

}  // namespace

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
  try {
    Library lib;
    lib.id = doc.at("library").get<std::string>();
    lib.display_name = doc.value("display_name", lib.id);
    lib.language = doc.value("language", "typescript");
    lib.modules = doc.at("modules").get<std::vector<std::string>>();
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
      for (const auto& q : h.value("queries", json::array())) kind.queries.push_back(split_path(q.get<std::string>()));
      lib.handles[name] = std::move(kind);
    }
    lib.batching = doc.value("batching", "");
    for (const auto& ctor : lib.constructors)
      if (!lib.handles.count(ctor.handle))
        fail(file_name, "constructor '" + ctor.export_path + "' makes unknown handle kind '" + ctor.handle + "'");
    libraries_.push_back(std::move(lib));
  } catch (const json::exception& e) {
    fail(file_name, e.what());
  }
}

const Library* Catalog::library_for_module(std::string_view specifier) const {
  for (const auto& lib : libraries_)
    for (const auto& m : lib.modules)
      if (m == specifier) return &lib;
  return nullptr;
}

bool matches_query(const HandleKind& kind, const std::vector<std::string>& path) {
  for (const auto& pattern : kind.queries) {
    if (pattern.size() != path.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; i < pattern.size() && ok; ++i)
      ok = pattern[i] == "*" ? (path[i] != "()" && path[i] != "new" && path[i] != "[]") : pattern[i] == path[i];
    if (ok) return true;
  }
  return false;
}

}  // namespace connlint
