#pragma once
#include <string>

namespace connlint {

// Writes `content` to `path` through a temporary file in the same directory and a rename, so readers see either
// the old file or the complete new one, never a half-written file (even if connlint is killed or the disk fills).
// Returns an error message, or "" on success.
// `durable` also flushes the data to disk before the rename (reports); caches skip that for speed.
std::string write_file_atomically(const std::string& path, const std::string& content, bool durable = true);

}  // namespace connlint
