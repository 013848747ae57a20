#pragma once
#include <span>
#include <string_view>

namespace connlint {

// Data files compiled into the binary (generated at build time from rules/ by src/embed_files.cmake), so an
// installed connlint needs nothing beside it.
struct EmbeddedFile {
  std::string_view name;     // file name, e.g. "query-in-loop.json"
  std::string_view content;
};

std::span<const EmbeddedFile> embedded_rule_files();     // rules/*.json
std::span<const EmbeddedFile> embedded_library_files();  // rules/libraries/*.json

}  // namespace connlint
