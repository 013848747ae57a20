// One line per finding in the format compilers use, which Vim's errorformat, Emacs compilation-mode and VS Code's
// $gcc problem matcher parse: `path:line:col: warning: message [rule-id]`. Related locations follow as `note:`
// lines, as gcc prints them. The $gcc matcher only knows `warning` and `error`, so note-level findings print as
// warnings here (JSON and SARIF keep the real level).
#include "report/report.h"

namespace connlint::report {

std::string render_gcc(const ReportInput& input) {
  std::string out;
  for (const auto& f : input.result.findings) {
    if (f.suppressed != Suppressed::No) continue;
    const char* severity = f.level == Level::Error ? "error" : "warning";
    out += f.location.path + ":" + std::to_string(f.location.line) + ":" + std::to_string(f.location.column) + ": " +
           severity + ": " + f.message + " [" + f.rule_id + "]\n";
    for (const auto& r : f.related)
      out += r.location.path + ":" + std::to_string(r.location.line) + ":" + std::to_string(r.location.column) +
             ": note: " + r.message + "\n";
  }
  for (const auto& s : input.unused_suppressions)
    out += s.path + ":" + std::to_string(s.line) + ":" + std::to_string(s.column) +
           ": warning: " + unused_suppression_message(s) + " [unused-suppression]\n";
  return out;
}

}  // namespace connlint::report
