#pragma once
// A small JSON reader that keeps the line and column of every value and key, so that configuration errors can
// point at the exact spot (`.connlint.json:7:5: unknown key "rulez"`), as eslint and ruff do. Accepts comments
// (`//`, `/* */`) and trailing commas, like tsconfig.json.
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace connlint {

struct JsonPosition {
  std::uint32_t line = 1, column = 1;
};

struct JsonValue {
  enum class Type { Null, Bool, Number, String, Array, Object };
  // Declared so that Clang with libstdc++ can define it: left implicit, it is needed while `members` (a vector of
  // pairs holding JsonValue) is still checking whether JsonValue is default-constructible, and that fails to compile.
  JsonValue() = default;
  Type type = Type::Null;
  JsonPosition position;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonValue> items;                                  // Array
  std::vector<std::pair<std::string, JsonValue>> members;        // Object, in order
  std::vector<JsonPosition> key_positions;                       // Object: where each key is

  const JsonValue* find(const std::string& key) const;
  static const char* type_name(Type t);
};

// Thrown for malformed JSON; carries the position of the problem.
struct JsonSyntaxError : std::runtime_error {
  JsonPosition position;
  JsonSyntaxError(const std::string& what, JsonPosition at) : std::runtime_error(what), position(at) {}
};

JsonValue parse_json_with_positions(const std::string& text);

}  // namespace connlint
