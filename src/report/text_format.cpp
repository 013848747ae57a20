// Human output, shaped like rustc's and ruff's: the message with its rule id, the location, the source line with
// the offending span underlined, related locations, and a hint. Not a parsing contract (use JSON for that).
#include <map>

#include "report/redact.h"
#include "report/report.h"

namespace connlint::report {

namespace {

struct Palette {
  bool on;
  std::string paint(std::string_view code, std::string_view text) const {
    if (!on) return std::string(text);
    return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
  }
};

std::string level_color(Level level) {
  switch (level) {
    case Level::Error: return "1;31";
    case Level::Warning: return "1;33";
    case Level::Note: return "1;36";
  }
  return "1";
}

// Spaces that line up under `line` up to byte_column, keeping tabs so terminals align them the same way.
std::string padding(std::string_view line, std::uint32_t byte_column) {
  std::string pad;
  std::size_t limit = std::min<std::size_t>(byte_column > 0 ? byte_column - 1 : 0, line.size());
  for (std::size_t i = 0; i < limit; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == '\t') pad += '\t';
    else if ((c & 0xC0) != 0x80) pad += ' ';  // one column per code point
  }
  return pad;
}

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string sanitize(std::string_view line) {
  // Keep terminals safe from control characters in analysed files.
  std::string out;
  for (char c : line) out += (static_cast<unsigned char>(c) < 0x20 && c != '\t') ? ' ' : c;
  return out;
}

}  // namespace

std::string render_text(const ReportInput& input) {
  Palette p{input.color};
  std::string out;
  std::map<Level, std::size_t> counts;
  std::map<std::string, bool> files_with_findings;
  std::size_t total = 0;
  for (const auto& f : input.result.findings) {
    if (f.suppressed != Suppressed::No) continue;
    ++total;
    ++counts[f.level];
    files_with_findings[f.location.path] = true;
    std::string level(to_string(f.level));
    out += p.paint(level_color(f.level), level + "[" + f.rule_id + "]") + p.paint("1", ": " + f.message) + "\n";
    std::string line_no = std::to_string(f.location.line);
    std::string gutter(line_no.size(), ' ');
    out += gutter + p.paint("1;34", "--> ") + f.location.path + ":" + line_no + ":" +
           std::to_string(f.location.column) + "\n";
    const SourceText* src = input.source ? input.source(f.location.path) : nullptr;
    if (src) {
      // Passwords on the line are shown as `****` (redact.h); the caret columns follow the masked text.
      MaskedLine masked = mask_line(src->line(f.location.line), f.location.path, f.location.line,
                                    input.result.secrets);
      std::string line = sanitize(masked.text);
      std::uint32_t column = masked.column(f.location.column);
      std::uint32_t end = f.location.end_line == f.location.line ? masked.column(f.location.end_column)
                                                                 : static_cast<std::uint32_t>(line.size() + 1);
      std::size_t width = column <= line.size()
                              ? display_width(std::string_view(line).substr(
                                    column - 1, std::max<std::uint32_t>(end, column + 1) - column))
                              : 1;
      out += gutter + p.paint("1;34", " |") + "\n";
      out += p.paint("1;34", line_no + " |") + " " + line + "\n";
      out += gutter + p.paint("1;34", " |") + " " + padding(line, column) +
             p.paint(level_color(f.level), std::string(std::max<std::size_t>(width, 1), '^')) + "\n";
    }
    for (const auto& r : f.related)
      out += gutter + p.paint("1;34", " = ") + p.paint("1", "note") + ": " + r.message + " at " + r.location.path +
             ":" + std::to_string(r.location.line) + ":" + std::to_string(r.location.column) + "\n";
    if (!f.help.empty()) out += gutter + p.paint("1;34", " = ") + p.paint("1", "help") + ": " + f.help + "\n";
    out += "\n";
  }
  for (const auto& s : input.unused_suppressions)
    out += p.paint(level_color(Level::Warning), "warning[unused-suppression]") + p.paint("1", ": " + unused_suppression_message(s)) +
           "\n  " + p.paint("1;34", "--> ") + s.path + ":" + std::to_string(s.line) + ":" + std::to_string(s.column) +
           "\n\n";
  std::string checked = std::to_string(input.result.files_analysed) +
                        (input.result.files_analysed == 1 ? " file checked" : " files checked");
  if (input.result.files_skipped) checked += ", " + std::to_string(input.result.files_skipped) + " skipped";
  if (total == 0) {
    out += p.paint("1;32", "No problems found") + " (" + checked + ").\n";
    return out;
  }
  std::string parts;
  auto part = [&](Level l, const char* one, const char* many) {
    if (!counts[l]) return;
    if (!parts.empty()) parts += ", ";
    parts += std::to_string(counts[l]) + " " + (counts[l] == 1 ? one : many);
  };
  part(Level::Error, "error", "errors");
  part(Level::Warning, "warning", "warnings");
  part(Level::Note, "note", "notes");
  out += p.paint("1", "Found " + std::to_string(total) + (total == 1 ? " problem" : " problems")) + " (" + parts +
         ") in " + std::to_string(files_with_findings.size()) +
         (files_with_findings.size() == 1 ? " file" : " files") + " (" + checked + ").\n";
  return out;
}

}  // namespace connlint::report
