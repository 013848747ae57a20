#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace connlint {

// Writes `content` to `path` through a temporary file in the same directory and a rename, so readers see either
// the old file or the complete new one, never a half-written file (even if connlint is killed or the disk fills).
// A device or pipe (`/dev/stdout`) is written in place; a symbolic link keeps pointing to the replaced file.
// Returns an error message, or "" on success.
// `durable` also flushes the data to disk before the rename (reports); caches skip that for speed.
std::string write_file_atomically(const std::string& path, const std::string& content, bool durable = true);

// The same for a file written piece by piece, too large to assemble in memory first (the facts cache's packs):
// appended to a temporary file in the target's directory, renamed into place by commit(). Without commit() (an
// error, or a destructor run early) or on SIGINT, the temporary file is removed. Regular files only.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  bool ok() const { return fd_ >= 0 && error_.empty(); }  // false once anything failed (see commit())
  bool append(std::string_view bytes);
  std::uint64_t size() const { return size_; }
  // Renames the file into place ("" on success, or the first error). `durable` flushes it to disk first.
  std::string commit(bool durable = false);

 private:
  void discard();
  std::string path_, temp_, error_;
  int fd_ = -1, slot_ = -1;
  std::uint64_t size_ = 0;
};

// On SIGINT, SIGTERM or SIGHUP, removes the temporary files of writes in progress, then dies of the signal as
// before; and ignores SIGXFSZ, so that a write past the file size limit fails (and is reported) instead of killing
// the process. Call once, at startup.
void install_interrupt_cleanup();

}  // namespace connlint
