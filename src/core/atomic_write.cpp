#include "core/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace connlint {

std::string write_file_atomically(const std::string& path, const std::string& content, bool durable) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".connlint-XXXXXX")).string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return "cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno);
  auto fail = [&](const char* what) {
    std::string message = std::string(what) + " " + path + ": " + std::strerror(errno);
    ::close(fd);
    ::unlink(tmpl.c_str());
    return message;
  };
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write");
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (durable && ::fsync(fd) != 0) return fail("cannot write");
  // mkstemp creates 0600; an output file should get the usual permissions.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  if (::close(fd) != 0) {
    ::unlink(tmpl.c_str());
    return "cannot write " + path + ": " + std::strerror(errno);
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    std::string message = "cannot replace " + path + ": " + std::strerror(errno);
    ::unlink(tmpl.c_str());
    return message;
  }
  return {};
}

}  // namespace connlint
