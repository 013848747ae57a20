#pragma once
#include <functional>
#include <string>

#include "core/source_file.h"
#include "core/suppressions.h"
#include "driver/analyze.h"

namespace connlint::report {

enum class Format { Text, Gcc, Json, Sarif };

struct ReportInput {
  const AnalysisResult& result;
  // The text of a reported file (for snippets and fingerprints); nullptr when it cannot be read any more.
  std::function<const SourceText*(const std::string& path)> source;
  std::string srcroot_prefix;  // the working directory relative to the repository root ("" or "packages/api/")
  bool color = false;
  std::vector<Suppression> unused_suppressions;  // --report-unused-ignores

  // The same input over another result (render() passes the copy with secrets scrubbed). Lists every field: keep
  // it in step with them.
  ReportInput with_result(const AnalysisResult& other) const {
    return ReportInput{other, source, srcroot_prefix, color, unused_suppressions};
  }
};

// "unused suppression `connlint-ignore query-in-loop`" for text, gcc and JSON output.
std::string unused_suppression_message(const Suppression& s);

std::string render_text(const ReportInput& input);
std::string render_gcc(const ReportInput& input);
std::string render_json(const ReportInput& input);
std::string render_sarif(const ReportInput& input);
std::string render(Format format, const ReportInput& input);

// Column conversions for formats that do not count bytes (1-based in, 1-based out).
std::uint32_t utf16_column(std::string_view line, std::uint32_t byte_column);

}  // namespace connlint::report
