#include "report/redact.h"
#include "report/report.h"

namespace connlint::report {

std::string render(Format format, const ReportInput& original) {
  // No format ever sees a secret's text in a message (source lines are masked by the text reporter).
  AnalysisResult scrubbed = scrub_secrets(original.result, original.source);
  ReportInput safe = original.with_result(scrubbed);
  switch (format) {
    case Format::Text: return render_text(safe);
    case Format::Gcc: return render_gcc(safe);
    case Format::Json: return render_json(safe);
    case Format::Sarif: return render_sarif(safe);
  }
  return {};
}

std::string unused_suppression_message(const Suppression& s) {
  std::string rules;
  for (const auto& r : s.rules) rules += (rules.empty() ? " " : ", ") + r;
  return "unused suppression `" + s.marker + rules + "`: no finding here any more; remove it";
}

std::uint32_t utf16_column(std::string_view line, std::uint32_t byte_column) {
  std::uint32_t units = 0;
  std::size_t limit = std::min<std::size_t>(byte_column > 0 ? byte_column - 1 : 0, line.size());
  for (std::size_t i = 0; i < limit;) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    units += len == 4 ? 2 : 1;
    i += len;
  }
  // Columns past the end of the line (an exclusive end at the line end) count as bytes.
  if (byte_column > 0 && byte_column - 1 > line.size()) units += static_cast<std::uint32_t>(byte_column - 1 - line.size());
  return units + 1;
}

}  // namespace connlint::report
