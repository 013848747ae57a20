#pragma once
#include <string>

#include "core/source_file.h"
#include "facts/file_facts.h"

namespace connlint::ts {

// Parses one TS/JS file with tree-sitter and extracts its FileFacts. Never throws on bad input: syntax errors are
// recovered by the parser and reported as a notice; what was recovered is analysed.
facts::FileFacts extract_facts(const std::string& relative_path, const SourceText& source);

}  // namespace connlint::ts
