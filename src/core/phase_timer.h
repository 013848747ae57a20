#pragma once
#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace connlint {

// CONNLINT_TIMING=1 prints how long each phase took to standard error (as ESLint's TIMING=1 does for rules).
class PhaseTimer {
  static double resident_mib() {
    long pages = 0, resident = 0;
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
      if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
      std::fclose(f);
    }
    return static_cast<double>(resident) * 4096 / (1024 * 1024);
  }

 public:
  PhaseTimer() : enabled_(std::getenv("CONNLINT_TIMING") != nullptr), last_(std::chrono::steady_clock::now()) {}
  void done(const char* phase) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    // The heap in use after each phase shows what the phase keeps (facts, index memos), apart from the allocator's
    // free lists that peak RSS also counts.
    std::fprintf(stderr, "connlint: timing: %-26s %8.1f ms   heap in use %6.1f MiB   resident %6.1f MiB\n", phase,
                 std::chrono::duration<double, std::milli>(now - last_).count(),
                 static_cast<double>(mallinfo2().uordblks) / (1024 * 1024), resident_mib());
    last_ = now;
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace connlint
