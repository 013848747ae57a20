#pragma once
#include <filesystem>
#include <string>

namespace connlint::testing {

inline std::filesystem::path source_dir() { return CONNLINT_SOURCE_DIR; }
inline std::string connlint_binary() { return CONNLINT_BINARY; }
// ../shared beside the project (CI always has it; a developer checkout may not).
inline std::filesystem::path shared_dir() { return source_dir().parent_path() / "shared"; }

}  // namespace connlint::testing
