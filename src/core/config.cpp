#include "core/config.h"

#include <fstream>
#include <sstream>

#include "core/glob.h"
#include "core/json_positions.h"
#include "core/rule_meta.h"

namespace connlint {

namespace fs = std::filesystem;

namespace {

class Validator {
 public:
  explicit Validator(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const JsonPosition& at, const std::string& what) const {
    throw ConfigError(file_, at.line, at.column, what);
  }

  void expect(const JsonValue& v, JsonValue::Type type, const std::string& what) const {
    if (v.type != type)
      fail(v.position, what + " must be " + JsonValue::type_name(type) + ", not " + JsonValue::type_name(v.type));
  }

  std::vector<std::string> strings(const JsonValue& v, const std::string& what) const {
    expect(v, JsonValue::Type::Array, what);
    std::vector<std::string> out;
    for (const auto& item : v.items) {
      expect(item, JsonValue::Type::String, what + " entries");
      out.push_back(item.string);
    }
    return out;
  }

  Level level(const JsonValue& v, const std::string& what) const {
    expect(v, JsonValue::Type::String, what);
    auto l = parse_level(v.string);
    if (!l) fail(v.position, what + " must be \"note\", \"warning\" or \"error\", not \"" + v.string + "\"");
    return *l;
  }

  std::map<std::string, RuleSetting> rules(const JsonValue& v) const {
    expect(v, JsonValue::Type::Object, "\"rules\"");
    std::map<std::string, RuleSetting> out;
    for (std::size_t i = 0; i < v.members.size(); ++i) {
      const auto& [id, setting] = v.members[i];
      if (!find_rule(id)) fail(v.key_positions[i], "unknown rule \"" + id + "\" (see `connlint rules`)");
      RuleSetting s;
      if (setting.type == JsonValue::Type::String && setting.string == "off") {
        s.off = true;
      } else if (setting.type == JsonValue::Type::String) {
        if (auto l = parse_level(setting.string)) s.level = *l;
        else fail(setting.position, "rule \"" + id + "\" must be \"off\", \"note\", \"warning\" or \"error\"");
      } else if (setting.type == JsonValue::Type::Object) {
        for (std::size_t k = 0; k < setting.members.size(); ++k) {
          const auto& [key, value] = setting.members[k];
          if (key == "level") {
            if (value.type == JsonValue::Type::String && value.string == "off") s.off = true;
            else s.level = level(value, "\"level\"");
          } else {
            fail(setting.key_positions[k], "unknown key \"" + key + "\" in the settings of rule \"" + id +
                                               "\" (expected \"level\")");
          }
        }
      } else {
        fail(setting.position, "rule \"" + id + "\" must be a level string or an object");
      }
      out[id] = s;
    }
    return out;
  }

 private:
  std::string file_;
};

std::optional<std::uint64_t> parse_size(const std::string& text) {
  // Digits first: stoull would also take leading blanks and a minus sign ("-1" wraps to 2^64 - 1).
  if (text.empty() || text[0] < '0' || text[0] > '9') return std::nullopt;
  std::size_t used = 0;
  unsigned long long n;
  try {
    n = std::stoull(text, &used);
  } catch (...) {
    return std::nullopt;
  }
  std::string suffix = text.substr(used);
  int shift = 0;
  if (suffix == "K" || suffix == "k") shift = 10;
  else if (suffix == "M" || suffix == "m") shift = 20;
  else if (!suffix.empty()) return std::nullopt;
  // The shift must not wrap ("17592186044416M" would become 0 and skip every file).
  if (n > (~0ull >> shift)) return std::nullopt;
  n <<= shift;
  return n;
}

std::string relative(const fs::path& cwd, const fs::path& dir, const std::string& path) {
  return (cwd / path).lexically_normal().lexically_relative(dir).generic_string();
}

}  // namespace

std::string ConfigError::describe() const {
  std::string where = file;
  if (line) where += ":" + std::to_string(line) + ":" + std::to_string(column);
  return where + ": " + what();
}

bool Config::ignored(const fs::path& cwd, const std::string& path) const {
  if (ignore.empty()) return false;
  std::string rel = relative(cwd, dir, path);
  if (rel.rfind("..", 0) == 0) return false;
  for (const auto& g : ignore)
    if (glob_match(g, rel)) return true;
  return false;
}

std::optional<Level> Config::level_for(const std::string& rule, Level default_level, const fs::path& cwd,
                                       const std::string& path) const {
  std::optional<Level> result = default_level;
  auto apply = [&](const std::map<std::string, RuleSetting>& settings) {
    auto it = settings.find(rule);
    if (it == settings.end()) return;
    if (it->second.off) result.reset();
    else if (it->second.level) result = it->second.level;
  };
  apply(rules);
  if (!overrides.empty()) {
    std::string rel = relative(cwd, dir, path);
    for (const auto& o : overrides)
      for (const auto& g : o.files)
        if (glob_match(g, rel)) {
          apply(o.rules);
          break;
        }
  }
  return result;
}

Config load_config(const fs::path& file) {
  std::error_code ec;
  if (fs::is_directory(file, ec)) throw ConfigError(file.string(), 0, 0, "is a directory, not a configuration file");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string(), 0, 0, "cannot read the configuration file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  JsonValue doc;
  try {
    doc = parse_json_with_positions(buffer.str());
  } catch (const JsonSyntaxError& e) {
    throw ConfigError(file.string(), e.position.line, e.position.column, std::string("invalid JSON: ") + e.what());
  }
  Validator check(file.string());
  check.expect(doc, JsonValue::Type::Object, "the configuration");
  Config config;
  config.file = file;
  config.dir = fs::absolute(file).lexically_normal().parent_path();
  for (std::size_t i = 0; i < doc.members.size(); ++i) {
    const auto& [key, value] = doc.members[i];
    if (key == "$schema") {
      check.expect(value, JsonValue::Type::String, "\"$schema\"");
    } else if (key == "rules") {
      config.rules = check.rules(value);
    } else if (key == "ignore") {
      config.ignore = check.strings(value, "\"ignore\"");
    } else if (key == "catalogs") {
      for (const auto& c : check.strings(value, "\"catalogs\"")) config.catalogs.push_back(config.dir / c);
    } else if (key == "overrides") {
      check.expect(value, JsonValue::Type::Array, "\"overrides\"");
      for (const auto& item : value.items) {
        check.expect(item, JsonValue::Type::Object, "each override");
        ConfigOverride o;
        for (std::size_t k = 0; k < item.members.size(); ++k) {
          const auto& [okey, ovalue] = item.members[k];
          if (okey == "files") o.files = check.strings(ovalue, "\"files\"");
          else if (okey == "rules") o.rules = check.rules(ovalue);
          else check.fail(item.key_positions[k], "unknown key \"" + okey + "\" in an override (expected \"files\" or \"rules\")");
        }
        if (o.files.empty()) check.fail(item.position, "an override needs \"files\"");
        config.overrides.push_back(std::move(o));
      }
    } else if (key == "transaction_timeout_ms") {
      check.expect(value, JsonValue::Type::Number, "\"transaction_timeout_ms\"");
      if (value.number <= 0) check.fail(value.position, "\"transaction_timeout_ms\" must be positive");
      config.transaction_timeout_ms = value.number;
    } else if (key == "fail_on") {
      if (value.type == JsonValue::Type::String && value.string == "never") config.fail_never = true;
      else config.fail_on = check.level(value, "\"fail_on\"");
    } else if (key == "max_file_size") {
      check.expect(value, JsonValue::Type::String, "\"max_file_size\"");
      config.max_file_size = parse_size(value.string);
      if (!config.max_file_size) check.fail(value.position, "\"max_file_size\" must look like \"500K\" or \"10M\"");
    } else if (key == "file_timeout") {
      check.expect(value, JsonValue::Type::Number, "\"file_timeout\"");
      if (!(value.number >= 0 && value.number <= 86400))
        check.fail(value.position, "\"file_timeout\" must be a number of seconds from 0 (no limit) to 86400");
      config.file_timeout_seconds = value.number;
    } else {
      check.fail(doc.key_positions[i], "unknown key \"" + key +
                                           "\" (expected one of: rules, ignore, overrides, catalogs, "
                                           "transaction_timeout_ms, fail_on, max_file_size, file_timeout)");
    }
  }
  return config;
}

std::optional<fs::path> find_config(const fs::path& start, const fs::path& stop) {
  fs::path dir = fs::absolute(start).lexically_normal();
  fs::path end = fs::absolute(stop).lexically_normal();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  while (true) {
    if (fs::exists(dir / kConfigFileName, ec)) return dir / kConfigFileName;
    if (dir == end || dir == dir.root_path() || !dir.has_parent_path()) return std::nullopt;
    dir = dir.parent_path();
  }
}

std::string starter_config() {
  std::string rules;
  for (const auto& r : builtin_rules())
    rules += "    \"" + r.id + "\": \"" + std::string(to_string(r.level)) + "\",\n";
  if (!rules.empty()) rules.erase(rules.size() - 2, 1);  // no trailing comma
  return "{\n"
         "  // connlint configuration: see docs/configuration.md\n"
         "  \"rules\": {\n" + rules +
         "  },\n"
         "  \"ignore\": [\"dist/\", \"generated/**\"],\n"
         "  \"overrides\": [\n"
         "    { \"files\": [\"scripts/**\"], \"rules\": { \"client-in-many-modules\": \"off\" } }\n"
         "  ],\n"
         "  \"catalogs\": [],\n"
         "  \"transaction_timeout_ms\": 10000,\n"
         "  \"fail_on\": \"warning\"\n"
         "}\n";
}

}  // namespace connlint
