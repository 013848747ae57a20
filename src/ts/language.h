#pragma once
#include <string_view>

struct TSLanguage;

namespace connlint::ts {

// The grammar for a TS/JS file, chosen by extension; nullptr when the extension is not TS/JS.
const TSLanguage* language_for_path(std::string_view path);
// "typescript", "tsx" or "javascript" ("" when not TS/JS).
std::string_view language_name_for_path(std::string_view path);
bool is_ts_js_path(std::string_view path);

}  // namespace connlint::ts
