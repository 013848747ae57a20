#include "ts/language.h"

#include <connlint/grammars.h>

namespace connlint::ts {

static std::string_view extension(std::string_view path) {
  auto slash = path.find_last_of('/');
  auto dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return path.substr(dot);
}

std::string_view language_name_for_path(std::string_view path) {
  auto ext = extension(path);
  if (ext == ".ts" || ext == ".mts" || ext == ".cts") return "typescript";
  if (ext == ".tsx") return "tsx";
  if (ext == ".js" || ext == ".jsx" || ext == ".mjs" || ext == ".cjs") return "javascript";
  return {};
}

const TSLanguage* language_for_path(std::string_view path) {
  auto name = language_name_for_path(path);
  if (name == "typescript") return tree_sitter_typescript();
  if (name == "tsx") return tree_sitter_tsx();
  if (name == "javascript") return tree_sitter_javascript();
  return nullptr;
}

bool is_ts_js_path(std::string_view path) { return !language_name_for_path(path).empty(); }

}  // namespace connlint::ts
