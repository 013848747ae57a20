#include "core/json_positions.h"

#include <cstdlib>

namespace connlint {

namespace {

// Nesting deeper than this is refused rather than recursed into (a hostile config must not overflow the stack).
constexpr int kMaxDepth = 256;

class Reader {
 public:
  explicit Reader(const std::string& text) : s_(text) {}

  JsonValue document() {
    skip();
    JsonValue v = value(0);
    skip();
    if (i_ < s_.size()) fail("unexpected text after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) { throw JsonSyntaxError(what, here()); }

  JsonPosition here() const { return {line_, column_}; }

  void advance() {
    if (s_[i_] == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(s_[i_]) & 0xC0) != 0x80) {
      ++column_;
    }
    ++i_;
  }

  void skip() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        advance();
      } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '/') {
        while (i_ < s_.size() && s_[i_] != '\n') advance();
      } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '*') {
        advance();
        advance();
        while (i_ + 1 < s_.size() && !(s_[i_] == '*' && s_[i_ + 1] == '/')) advance();
        if (i_ + 1 >= s_.size()) fail("unterminated comment");
        advance();
        advance();
      } else {
        break;
      }
    }
  }

  bool literal(const char* word) {
    std::size_t n = std::char_traits<char>::length(word);
    if (s_.compare(i_, n, word) != 0) return false;
    for (std::size_t k = 0; k < n; ++k) advance();
    return true;
  }

  JsonValue value(int depth) {
    if (depth > kMaxDepth) fail("nesting is too deep");
    if (i_ >= s_.size()) fail("unexpected end of file");
    JsonValue v;
    v.position = here();
    char c = s_[i_];
    if (c == '{') {
      v.type = JsonValue::Type::Object;
      advance();
      skip();
      while (i_ < s_.size() && s_[i_] != '}') {
        if (s_[i_] != '"') fail("expected a \"key\" in double quotes");
        JsonPosition key_at = here();
        std::string key = string_literal();
        skip();
        if (i_ >= s_.size() || s_[i_] != ':') fail("expected ':' after the key");
        advance();
        skip();
        for (const auto& [existing, _] : v.members)
          if (existing == key) throw JsonSyntaxError("duplicate key \"" + key + "\"", key_at);
        v.members.emplace_back(key, value(depth + 1));
        v.key_positions.push_back(key_at);
        skip();
        if (i_ < s_.size() && s_[i_] == ',') {
          advance();
          skip();
        } else if (i_ < s_.size() && s_[i_] != '}') {
          fail("expected ',' or '}'");
        }
      }
      if (i_ >= s_.size()) fail("unterminated object");
      advance();
    } else if (c == '[') {
      v.type = JsonValue::Type::Array;
      advance();
      skip();
      while (i_ < s_.size() && s_[i_] != ']') {
        v.items.push_back(value(depth + 1));
        skip();
        if (i_ < s_.size() && s_[i_] == ',') {
          advance();
          skip();
        } else if (i_ < s_.size() && s_[i_] != ']') {
          fail("expected ',' or ']'");
        }
      }
      if (i_ >= s_.size()) fail("unterminated array");
      advance();
    } else if (c == '"') {
      v.type = JsonValue::Type::String;
      v.string = string_literal();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      v.type = JsonValue::Type::Number;
      const char* start = s_.c_str() + i_;
      char* end = nullptr;
      v.number = std::strtod(start, &end);
      if (end == start) fail("invalid number");
      for (auto n = static_cast<std::size_t>(end - start); n > 0; --n) advance();
    } else if (literal("true")) {
      v.type = JsonValue::Type::Bool;
      v.boolean = true;
    } else if (literal("false")) {
      v.type = JsonValue::Type::Bool;
    } else if (literal("null")) {
      v.type = JsonValue::Type::Null;
    } else {
      fail(std::string("unexpected character '") + c + "'");
    }
    return v;
  }

  std::string string_literal() {
    advance();  // opening quote
    std::string out;
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_];
      if (c == '\n') fail("unterminated string");
      if (c == '\\') {
        advance();
        if (i_ >= s_.size()) break;
        char e = s_[i_];
        switch (e) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'u': {
            if (i_ + 4 >= s_.size()) fail("bad \\u escape");
            unsigned cp = static_cast<unsigned>(std::strtoul(s_.substr(i_ + 1, 4).c_str(), nullptr, 16));
            for (int k = 0; k < 4; ++k) advance();
            if (cp < 0x80) out += static_cast<char>(cp);
            else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
            else { out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
            break;
          }
          default: out += e;
        }
        advance();
        continue;
      }
      out += c;
      advance();
    }
    if (i_ >= s_.size()) fail("unterminated string");
    advance();  // closing quote
    return out;
  }

  const std::string& s_;
  std::size_t i_ = 0;
  std::uint32_t line_ = 1, column_ = 1;
};

}  // namespace

const JsonValue* JsonValue::find(const std::string& key) const {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

const char* JsonValue::type_name(Type t) {
  switch (t) {
    case Type::Null: return "null";
    case Type::Bool: return "a boolean";
    case Type::Number: return "a number";
    case Type::String: return "a string";
    case Type::Array: return "an array";
    case Type::Object: return "an object";
  }
  return "?";
}

JsonValue parse_json_with_positions(const std::string& text) { return Reader(text).document(); }

}  // namespace connlint
