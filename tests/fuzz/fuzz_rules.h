#pragma once
// Runs the project index, the function summaries and every rule over one file's facts, as `connlint check` does
// after extraction. Shared by the targets whose output is FileFacts (fresh from the parser, or from the cache).
#include "facts/file_facts.h"

namespace connlint::fuzz {

// Returns the number of findings (the caller ignores it; returning it keeps the work from being optimised away).
std::size_t run_rules(facts::FileFacts facts);

}  // namespace connlint::fuzz
