#include "core/baseline.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "config/connection_url.h"
#include "core/config.h"
#include "core/json_positions.h"

namespace connlint {

std::string normalised_code(std::string_view line) {
  // Drop a trailing `//` comment (where suppressions and notes go) unless it is inside a string.
  char quote = 0;
  std::size_t cut = line.size();
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'' || c == '`') {
      quote = c;
    } else if (c == '/' && line[i + 1] == '/') {
      cut = i;
      break;
    }
  }
  std::string out;
  bool space = false;
  for (char c : line.substr(0, cut)) {
    if (c == ' ' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

BaselineKey baseline_key(const Finding& f, const SourceText* source) {
  // The baseline is committed: connection-string passwords on the line are stored masked.
  return {f.rule_id, f.location.path, f.enclosing_function,
          source ? normalised_code(config::mask_url_passwords(source->line(f.location.line))) : std::string()};
}

Baseline Baseline::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string(), 0, 0, "cannot read the baseline file");
  std::stringstream text;
  text << in.rdbuf();
  JsonValue doc;
  try {
    doc = parse_json_with_positions(text.str());
  } catch (const JsonSyntaxError& e) {
    throw ConfigError(file.string(), e.position.line, e.position.column, std::string("invalid JSON: ") + e.what());
  }
  auto fail = [&](const JsonValue& at, const std::string& what) {
    throw ConfigError(file.string(), at.position.line, at.position.column, what);
  };
  if (doc.type != JsonValue::Type::Object) fail(doc, "a baseline is a JSON object");
  const JsonValue* findings = doc.find("findings");
  if (!findings || findings->type != JsonValue::Type::Array) fail(doc, "a baseline needs a \"findings\" array");
  Baseline b;
  for (const auto& entry : findings->items) {
    if (entry.type != JsonValue::Type::Object) fail(entry, "each baseline entry is an object");
    BaselineKey key;
    std::size_t count = 1;
    for (const auto& [name, value] : entry.members) {
      if (name == "count") {
        if (value.type != JsonValue::Type::Number || value.number < 1) fail(value, "\"count\" must be a positive number");
        // A double beyond size_t's range must not reach the cast below: that is undefined behaviour (`"count": 1e300`).
        if (value.number > 0x1p53) fail(value, "\"count\" is too large");
        count = static_cast<std::size_t>(value.number);
        continue;
      }
      if (value.type != JsonValue::Type::String) fail(value, "\"" + name + "\" must be a string");
      if (name == "rule") key.rule = value.string;
      else if (name == "path") key.path = value.string;
      else if (name == "function") key.function = value.string;
      else if (name == "code") key.code = value.string;
      else fail(value, "unknown key \"" + name + "\" in a baseline entry");
    }
    if (key.rule.empty() || key.path.empty()) fail(entry, "a baseline entry needs \"rule\" and \"path\"");
    b.remaining_[key] += count;
  }
  return b;
}

std::string Baseline::render(const std::vector<std::pair<BaselineKey, std::size_t>>& entries) {
  nlohmann::ordered_json doc;
  doc["version"] = 1;
  doc["tool"] = "connlint";
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& [key, count] : entries) {
    nlohmann::ordered_json e;
    e["rule"] = key.rule;
    e["path"] = key.path;
    e["function"] = key.function;
    e["code"] = key.code;
    e["count"] = count;
    list.push_back(std::move(e));
  }
  doc["findings"] = std::move(list);
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

bool Baseline::consume(const BaselineKey& key) {
  auto it = remaining_.find(key);
  if (it == remaining_.end() || it->second == 0) return false;
  --it->second;
  return true;
}

}  // namespace connlint
