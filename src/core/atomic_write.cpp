#include "core/atomic_write.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace connlint {

namespace {

// Temporary files being written, for the signal handler to remove: fixed storage, because a handler may not
// allocate. A write that finds no free slot (more than kSlots at once) still works, it is only not cleaned up.
constexpr int kSlots = 64;
enum SlotState : int { kFree = 0, kFilling = 1, kLive = 2 };
std::atomic<int> slot_state[kSlots];
char slot_path[kSlots][PATH_MAX];

int register_temp_file(const std::string& path) {
  if (path.size() >= PATH_MAX) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (slot_state[i].compare_exchange_strong(expected, kFilling)) {
      std::memcpy(slot_path[i], path.c_str(), path.size() + 1);
      slot_state[i].store(kLive);
      return i;
    }
  }
  return -1;
}

void unregister_temp_file(int slot) {
  if (slot >= 0) slot_state[slot].store(kFree);
}

void remove_temp_files_and_die(int sig) {
  for (int i = 0; i < kSlots; ++i)
    if (slot_state[i].load() == kLive) ::unlink(slot_path[i]);
  ::signal(sig, SIG_DFL);
  ::raise(sig);  // die of the signal as before, so that the shell sees an interrupted command
}

// Blocks the interrupting signals between creating a temporary file and registering it, so none is left behind.
class InterruptsBlocked {
 public:
  InterruptsBlocked() {
    sigset_t set;
    sigemptyset(&set);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, sig);
    pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~InterruptsBlocked() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }

 private:
  sigset_t old_;
};

// Devices and pipes (`-o /dev/stdout`) cannot be replaced by a rename: they are written in place.
std::string write_in_place(const std::string& path, const std::string& content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return "cannot write " + path + ": " + std::strerror(errno);
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string message = "cannot write " + path + ": " + std::strerror(errno);
      ::close(fd);
      return message;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return "cannot write " + path + ": " + std::strerror(errno);
  return {};
}

}  // namespace

void install_interrupt_cleanup() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction current {};
    ::sigaction(sig, nullptr, &current);
    if (current.sa_handler == SIG_IGN) continue;  // `nohup connlint ...` keeps ignoring it
    struct sigaction action {};
    action.sa_handler = remove_temp_files_and_die;
    sigemptyset(&action.sa_mask);
    ::sigaction(sig, &action, nullptr);
  }
  // Past RLIMIT_FSIZE a write fails with EFBIG (reported, previous file kept) instead of killing the process.
  ::signal(SIGXFSZ, SIG_IGN);
}

std::string write_file_atomically(const std::string& path, const std::string& content, bool durable) {
  namespace fs = std::filesystem;
  fs::path target(path);
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
    return write_in_place(path, content);
  // A symbolic link to the report stays a link: the file it points to is replaced.
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(target, ec))) {
    fs::path resolved = fs::canonical(target, ec);
    if (!ec) target = resolved;
  }
  AtomicFileWriter out(target.string());
  out.append(content);
  return out.commit(durable);
}

AtomicFileWriter::AtomicFileWriter(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  fs::path target(path_);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  temp_ = (dir / ("." + target.filename().string() + ".connlint-XXXXXX")).string();
  {
    InterruptsBlocked blocked;
    fd_ = ::mkstemp(temp_.data());
    if (fd_ < 0) {
      error_ = "cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno);
      return;
    }
    slot_ = register_temp_file(temp_);
  }
  mode_t mask = ::umask(0);  // mkstemp creates 0600; the file should get the usual permissions
  ::umask(mask);
  ::fchmod(fd_, 0666 & ~mask);
}

AtomicFileWriter::~AtomicFileWriter() { discard(); }

void AtomicFileWriter::discard() {
  if (fd_ < 0) return;
  ::close(fd_);
  ::unlink(temp_.c_str());
  unregister_temp_file(slot_);
  fd_ = -1;
}

bool AtomicFileWriter::append(std::string_view bytes) {
  if (!ok()) return false;
  const char* data = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error_ = "cannot write " + path_ + ": " + std::strerror(errno);
      return false;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  size_ += bytes.size();
  return true;
}

std::string AtomicFileWriter::commit(bool durable) {
  if (ok() && durable && ::fsync(fd_) != 0) error_ = "cannot write " + path_ + ": " + std::strerror(errno);
  if (!ok()) {
    discard();
    return error_.empty() ? "cannot write " + path_ : error_;
  }
  int fd = fd_;
  fd_ = -1;
  std::string message;
  if (::close(fd) != 0)
    message = "cannot write " + path_ + ": " + std::strerror(errno);
  else if (::rename(temp_.c_str(), path_.c_str()) != 0)
    message = "cannot replace " + path_ + ": " + std::strerror(errno);
  if (!message.empty()) ::unlink(temp_.c_str());
  unregister_temp_file(slot_);
  return message;
}

}  // namespace connlint
