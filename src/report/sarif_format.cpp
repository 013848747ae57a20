// SARIF 2.1.0 as GitHub code scanning ingests it: relative URIs under %SRCROOT%, full regions in UTF-16 columns,
// GitHub's own primaryLocationLineHash (the upload action only fills it when missing; the REST API never does),
// one run per language category, related locations that each carry a message and are linked from the result's
// message, and rule metadata (help, tags, precision, severity) from rules/*.json.
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/rule_meta.h"
#include "report/fingerprint.h"
#include "report/report.h"
#include "version.h"

namespace connlint::report {

using ordered_json = nlohmann::ordered_json;

namespace {

// GitHub truncates longer descriptions; keep whole sentences where possible.
constexpr std::size_t kMaxDescription = 1024;

std::string clip(const std::string& s) {
  if (s.size() <= kMaxDescription) return s;
  std::string cut = s.substr(0, kMaxDescription - 3);
  while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
  if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.pop_back();
  return cut + "...";
}

std::string uri_encode(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// Which run (code scanning category) a file's findings belong to.
std::string category_for(const std::string& path) {
  static const char* cpp_ext[] = {".c", ".cc", ".cpp", ".cxx", ".h", ".hh", ".hpp", ".hxx"};
  for (const char* e : cpp_ext) {
    std::string ext(e);
    if (path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0) return "cpp";
  }
  return "ts";
}

ordered_json rule_json(const RuleMeta& r) {
  ordered_json rule;
  rule["id"] = r.id;
  rule["name"] = r.sarif_name();
  rule["shortDescription"] = {{"text", clip(r.summary)}};
  rule["fullDescription"] = {{"text", clip(r.description)}};
  rule["help"] = {{"text", r.plain_text()}, {"markdown", r.markdown()}};
  rule["helpUri"] = std::string(CONNLINT_RULE_DOCS_BASE) + r.id + ".md";
  rule["defaultConfiguration"] = {{"level", to_string(r.level)}};
  ordered_json props;
  props["tags"] = ordered_json::array({r.family});
  // GitHub only treats `security-severity` (and shows the alert as a security one) when the rule is tagged `security`.
  if (!r.security_severity.empty()) props["tags"].push_back("security");
  props["precision"] = r.precision;
  props["problem.severity"] = r.problem_severity;
  if (!r.security_severity.empty()) props["security-severity"] = r.security_severity;
  rule["properties"] = std::move(props);
  return rule;
}

class RegionMaker {
 public:
  explicit RegionMaker(const ReportInput& input) : input_(input) {}

  ordered_json region(const Location& l) {
    const SourceText* src = input_.source ? input_.source(l.path) : nullptr;
    auto col = [&](std::uint32_t line, std::uint32_t byte_col) {
      return src ? utf16_column(src->line(line), byte_col) : byte_col;
    };
    return {{"startLine", l.line},
            {"startColumn", col(l.line, l.column)},
            {"endLine", l.end_line},
            {"endColumn", col(l.end_line, l.end_column)}};
  }

  ordered_json physical(const Location& l) {
    return {{"artifactLocation", {{"uri", uri_encode(input_.srcroot_prefix + l.path)}, {"uriBaseId", "%SRCROOT%"}}},
            {"region", region(l)}};
  }

  std::string line_hash(const Location& l) {
    auto it = hashes_.find(l.path);
    if (it == hashes_.end()) {
      const SourceText* src = input_.source ? input_.source(l.path) : nullptr;
      it = hashes_.emplace(l.path, src ? std::make_unique<LineHashes>(src->content()) : nullptr).first;
    }
    return it->second ? it->second->for_line(l.line) : std::string();
  }

 private:
  const ReportInput& input_;
  std::map<std::string, std::unique_ptr<LineHashes>> hashes_;
};

}  // namespace

std::string render_sarif(const ReportInput& input) {
  const auto& rules = builtin_rules();
  std::map<std::string, std::size_t> rule_index;
  ordered_json rules_json = ordered_json::array();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    rule_index[rules[i].id] = i;
    rules_json.push_back(rule_json(rules[i]));
  }

  // One run per language category; TS/JS always has one, so an empty report is still a valid upload.
  std::map<std::string, ordered_json> results_by_category;
  results_by_category["ts"] = ordered_json::array();
  RegionMaker regions(input);
  for (const auto& f : input.result.findings) {
    ordered_json result;
    result["ruleId"] = f.rule_id;
    if (auto it = rule_index.find(f.rule_id); it != rule_index.end()) result["ruleIndex"] = it->second;
    result["level"] = to_string(f.level);
    std::string text = f.message + ".";
    if (!f.help.empty()) text += " Fix: " + f.help + ".";
    for (std::size_t i = 0; i < f.related.size(); ++i)
      text += " See [" + (f.related[i].message.empty() ? std::string("related location") : f.related[i].message) +
              "](" + std::to_string(i + 1) + ").";
    result["message"] = {{"text", text}};
    result["locations"] = ordered_json::array({{{"physicalLocation", regions.physical(f.location)}}});
    if (!f.related.empty()) {
      ordered_json related = ordered_json::array();
      for (std::size_t i = 0; i < f.related.size(); ++i)
        related.push_back({{"id", i + 1},
                           {"physicalLocation", regions.physical(f.related[i].location)},
                           {"message", {{"text", f.related[i].message}}}});
      result["relatedLocations"] = std::move(related);
    }
    // Path-shaped findings carry the path, so code scanning can show it step by step.
    if (!f.flow.empty()) {
      ordered_json steps = ordered_json::array();
      for (const auto& step : f.flow)
        steps.push_back({{"location", {{"physicalLocation", regions.physical(step.location)},
                                       {"message", {{"text", step.message}}}}}});
      result["codeFlows"] = ordered_json::array({{{"threadFlows", ordered_json::array({{{"locations", steps}}})}}});
    }
    std::string hash = regions.line_hash(f.location);
    if (!hash.empty()) result["partialFingerprints"] = {{"primaryLocationLineHash", hash}};
    if (f.suppressed != Suppressed::No) {
      ordered_json suppression = {{"kind", f.suppressed == Suppressed::InSource ? "inSource" : "external"}};
      if (!f.suppression_reason.empty()) suppression["justification"] = f.suppression_reason;
      result["suppressions"] = ordered_json::array({suppression});
    }
    results_by_category[category_for(f.location.path)].push_back(std::move(result));
  }

  ordered_json runs = ordered_json::array();
  for (auto& [category, results] : results_by_category) {
    ordered_json run;
    run["tool"] = {{"driver",
                    {{"name", "connlint"},
                     {"semanticVersion", CONNLINT_VERSION},
                     {"version", CONNLINT_VERSION},
                     {"informationUri", CONNLINT_HOMEPAGE},
                     {"rules", rules_json}}}};
    run["automationDetails"] = {{"id", "connlint/" + category + "/"}};
    run["originalUriBaseIds"] = {{"%SRCROOT%", {{"description", {{"text", "The root of the analysed repository."}}}}}};
    run["columnKind"] = "utf16CodeUnits";
    run["results"] = std::move(results);
    runs.push_back(std::move(run));
  }
  ordered_json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = std::move(runs);
  return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace connlint::report
