#pragma once
// FileFacts to bytes and back, for the facts cache (.connlint-cache/) and for shards merged on another machine.
// A compact binary form: varints and length-prefixed strings, a format version up front. The reader checks every
// length and index against the input, so a corrupted or hostile cache entry is rejected, never trusted.
#include <stdexcept>
#include <string>
#include <string_view>

#include "facts/file_facts.h"

namespace connlint::facts {

// Bump when FileFacts or its encoding changes: old cache entries are then ignored.
inline constexpr std::uint32_t kFactsFormatVersion = 6;

struct CorruptFacts : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string serialize(const FileFacts& facts);
FileFacts deserialize(std::string_view bytes);  // throws CorruptFacts

}  // namespace connlint::facts
