// The JSON output: a stable contract for scripts and editor plugins (documented in docs/json-format.md). Fields are
// only ever added, never renamed or removed.
#include <nlohmann/json.hpp>

#include "core/rule_meta.h"
#include "report/report.h"
#include "version.h"

namespace connlint::report {

using ordered_json = nlohmann::ordered_json;

static ordered_json location_json(const Location& l) {
  return {{"path", l.path}, {"line", l.line}, {"column", l.column}, {"endLine", l.end_line}, {"endColumn", l.end_column}};
}

std::string render_json(const ReportInput& input) {
  ordered_json doc;
  doc["version"] = 1;
  doc["tool"] = {{"name", "connlint"}, {"version", CONNLINT_VERSION}};
  ordered_json findings = ordered_json::array();
  std::size_t by_level[3] = {0, 0, 0};
  std::size_t active = 0;
  for (const auto& f : input.result.findings) {
    if (f.suppressed == Suppressed::No) {
      ++active;
      ++by_level[static_cast<int>(f.level)];
    }
    const RuleMeta* meta = find_rule(f.rule_id);
    ordered_json item;
    item["rule"] = f.rule_id;
    item["family"] = meta ? meta->family : "";
    item["level"] = to_string(f.level);
    item["message"] = f.message;
    item["help"] = f.help;
    item["location"] = location_json(f.location);
    item["function"] = f.enclosing_function;
    if (f.suppressed != Suppressed::No) {
      item["suppressed"] = f.suppressed == Suppressed::InSource ? "inSource" : "baseline";
      item["suppressionReason"] = f.suppression_reason;
    }
    ordered_json related = ordered_json::array();
    for (const auto& r : f.related) {
      ordered_json rel = location_json(r.location);
      rel["message"] = r.message;
      related.push_back(std::move(rel));
    }
    item["related"] = std::move(related);
    findings.push_back(std::move(item));
  }
  doc["findings"] = std::move(findings);
  ordered_json notices = ordered_json::array();
  for (const auto& n : input.result.notices) notices.push_back({{"path", n.path}, {"message", n.message}});
  doc["notices"] = std::move(notices);
  if (!input.unused_suppressions.empty()) {
    ordered_json unused = ordered_json::array();
    for (const auto& s : input.unused_suppressions)
      unused.push_back({{"path", s.path}, {"line", s.line}, {"column", s.column}, {"message", unused_suppression_message(s)}});
    doc["unusedSuppressions"] = std::move(unused);
  }
  doc["summary"] = {{"filesChecked", input.result.files_analysed},
                    {"filesSkipped", input.result.files_skipped},
                    {"findings", active},
                    {"errors", by_level[2]},
                    {"warnings", by_level[1]},
                    {"notes", by_level[0]}};
  return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace connlint::report
