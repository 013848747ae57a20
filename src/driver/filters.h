#pragma once
// What happens to findings after the rules: the configuration's levels and disabled rules, inline suppressions,
// and the baseline. Suppressed and baselined findings are kept, marked, so that reporters can leave them out (the
// default) or show them (SARIF `suppressions` with --include-suppressed).
#include <filesystem>
#include <vector>

#include "core/baseline.h"
#include "core/config.h"
#include "core/source_cache.h"
#include "core/suppressions.h"
#include "driver/analyze.h"

namespace connlint {

struct FilterOutcome {
  std::vector<Suppression> unused_suppressions;  // filled when asked for (--report-unused-ignores)
};

FilterOutcome apply_filters(AnalysisResult& result, const Config& config, Baseline* baseline, SourceCache& sources,
                            const std::filesystem::path& cwd, bool find_unused_suppressions);

// Findings that are neither suppressed nor baselined.
std::size_t count_active(const std::vector<Finding>& findings);

}  // namespace connlint
