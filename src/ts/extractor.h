#pragma once
#include <chrono>
#include <optional>
#include <string>

#include "core/source_file.h"
#include "facts/file_facts.h"

namespace connlint::ts {

// Parses one TS/JS file with tree-sitter and extracts its FileFacts. Never throws on bad input: syntax errors are
// recovered by the parser and reported as a notice; what was recovered is analysed.
facts::FileFacts extract_facts(const std::string& relative_path, const SourceText& source);

// The same within a time budget for parsing and the walk together (zero: none). A file over budget gives no facts,
// only the reason, and is treated like any other skipped file.
struct BudgetedFacts {
  std::optional<facts::FileFacts> facts;
  std::string skip_reason;  // set when facts is empty
};
BudgetedFacts extract_facts_within(const std::string& relative_path, const SourceText& source,
                                   std::chrono::microseconds budget);

// "10 s", "0.5 s": a budget as the notices show it.
std::string describe_budget(std::chrono::microseconds budget);

}  // namespace connlint::ts
