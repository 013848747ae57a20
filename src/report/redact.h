#pragma once
// Secrets never leave connlint in full. The front ends record where literal passwords are written
// (AnalysisResult::secrets); every reporter shows those spans as `****` in the source lines it prints, and render()
// scrubs their text out of every message, help and related-location text before any format sees it.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/location.h"
#include "core/source_file.h"
#include "driver/analyze.h"

namespace connlint::report {

inline constexpr std::string_view kMask = "****";

// A source line for display with the secrets on it masked, and a map from byte columns of the original line to
// byte columns of the masked one (so that carets still point at the right place).
struct MaskedLine {
  std::string text;
  struct Cut {
    std::uint32_t begin, end;  // original byte columns, 1-based, end exclusive
  };
  std::vector<Cut> cuts;
  std::uint32_t column(std::uint32_t original) const;
};

MaskedLine mask_line(std::string_view line, const std::string& path, std::uint32_t line_no,
                     const std::vector<Location>& secrets);

// A copy of `result` whose messages, help texts and related-location messages contain none of the secrets' texts.
AnalysisResult scrub_secrets(const AnalysisResult& result,
                             const std::function<const SourceText*(const std::string&)>& source);

}  // namespace connlint::report
