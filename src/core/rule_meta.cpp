#include "core/rule_meta.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/embedded_data.h"
#include "version.h"

namespace connlint {

using nlohmann::json;

namespace {

std::string require_string(const json& doc, std::string_view file, const char* key) {
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_string() || it->get<std::string>().empty())
    throw std::runtime_error(std::string(file) + ": '" + key + "' must be a non-empty string");
  return it->get<std::string>();
}

std::string optional_string(const json& doc, const char* key) {
  auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> string_list(const json& doc, const char* key) {
  std::vector<std::string> out;
  if (auto it = doc.find(key); it != doc.end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

std::string RuleMeta::sarif_name() const {
  std::string name;
  bool upper = true;
  for (char c : id) {
    if (c == '-') { upper = true; continue; }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

std::string RuleMeta::markdown() const {
  std::string md;
  md += "# " + id + "\n\n";
  md += "**Family:** `" + family + "` · **Default level:** " + std::string(to_string(level)) +
        " · **Precision:** " + precision;
  md += " · **Languages:** ";
  for (std::size_t i = 0; i < languages.size(); ++i) md += (i ? ", " : "") + languages[i];
  md += "\n\n" + summary + "\n\n";
  md += "## What it does\n\n" + description + "\n\n";
  md += "## Why is this bad?\n\n" + why + "\n\n";
  if (!example.empty()) md += "## Example\n\n```" + example_language + "\n" + example + "\n```\n\n";
  if (!fix.empty()) md += "## Use instead\n\n```" + example_language + "\n" + fix + "\n```\n\n";
  // Config files (dotenv, YAML, ini) comment with `#`; code with `//`.
  bool hash_comments = example_language == "dotenv" || example_language == "yaml" || example_language == "ini" ||
                       example_language == "toml" || example_language == "sh";
  md += "## Suppressing\n\n```" + example_language + "\n" + (hash_comments ? "#" : "//") +
        " connlint-ignore-next-line " + id + " -- reason\n```\n";
  if (!references.empty()) {
    md += "\n## References\n\n";
    for (const auto& r : references) md += "- " + r + "\n";
  }
  return md;
}

std::string RuleMeta::plain_text() const {
  std::string text = summary + "\n\n" + description + "\n\nWhy: " + why + "\n";
  if (!fix.empty()) text += "\nUse instead:\n" + fix + "\n";
  return text;
}

RuleMeta parse_rule_meta(std::string_view file_name, std::string_view json_text) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& e) {
    throw std::runtime_error(std::string(file_name) + ": " + e.what());
  }
  RuleMeta m;
  m.id = require_string(doc, file_name, "id");
  m.family = require_string(doc, file_name, "family");
  if (std::find(std::begin(kFamilies), std::end(kFamilies), m.family) == std::end(kFamilies))
    throw std::runtime_error(std::string(file_name) + ": unknown family '" + m.family + "'");
  auto level = parse_level(require_string(doc, file_name, "level"));
  if (!level) throw std::runtime_error(std::string(file_name) + ": 'level' must be note, warning or error");
  m.level = *level;
  m.precision = require_string(doc, file_name, "precision");
  m.problem_severity = require_string(doc, file_name, "problem_severity");
  m.security_severity = optional_string(doc, "security_severity");
  m.languages = string_list(doc, "languages");
  m.summary = require_string(doc, file_name, "summary");
  m.description = require_string(doc, file_name, "description");
  m.why = require_string(doc, file_name, "why");
  m.example = optional_string(doc, "example");
  m.fix = optional_string(doc, "fix");
  m.example_language = optional_string(doc, "example_language");
  m.references = string_list(doc, "references");
  return m;
}

const std::vector<RuleMeta>& builtin_rules() {
  static const std::vector<RuleMeta> rules = [] {
    std::vector<RuleMeta> out;
    for (const auto& file : embedded_rule_files()) out.push_back(parse_rule_meta(file.name, file.content));
    std::sort(out.begin(), out.end(), [](const RuleMeta& a, const RuleMeta& b) { return a.id < b.id; });
    return out;
  }();
  return rules;
}

const RuleMeta* find_rule(std::string_view id) {
  for (const auto& r : builtin_rules())
    if (r.id == id) return &r;
  return nullptr;
}

std::string rules_index_markdown() {
  std::string md = "# connlint rules\n\nGenerated from `rules/*.json` by `connlint docs`; do not edit by hand.\n\n";
  md += "| rule | family | default level | summary |\n|---|---|---|---|\n";
  for (const auto& r : builtin_rules())
    md += "| [" + r.id + "](" + r.id + ".md) | `" + r.family + "` | " + std::string(to_string(r.level)) + " | " +
          r.summary + " |\n";
  return md;
}

}  // namespace connlint
