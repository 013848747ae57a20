#pragma once
#include <string>

namespace connlint {

// Writes `content` to `path` through a temporary file in the same directory and a rename, so readers see either
// the old file or the complete new one, never a half-written file (even if connlint is killed or the disk fills).
// A device or pipe (`/dev/stdout`) is written in place; a symbolic link keeps pointing to the replaced file.
// Returns an error message, or "" on success.
// `durable` also flushes the data to disk before the rename (reports); caches skip that for speed.
std::string write_file_atomically(const std::string& path, const std::string& content, bool durable = true);

// On SIGINT, SIGTERM or SIGHUP, removes the temporary files of writes in progress, then dies of the signal as
// before; and ignores SIGXFSZ, so that a write past the file size limit fails (and is reported) instead of killing
// the process. Call once, at startup.
void install_interrupt_cleanup();

}  // namespace connlint
