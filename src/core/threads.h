#pragma once
// Worker threads with a stack size of connlint's choosing. The tree-sitter walk recurses up to its depth bound
// (ts/extractor.cpp), which takes 2-4 MB of stack on the deepest inputs, and three times that under AddressSanitizer.
// std::thread gets the platform default instead: RLIMIT_STACK on glibc (8 MB usually, but 2 MB where `ulimit -s` is
// unlimited), 512 KB on macOS.
#include <cstddef>
#include <functional>

namespace connlint {

// Stack for threads that parse and walk syntax trees: generous, since it is only reserved, not used, until needed.
inline constexpr std::size_t kParserThreadStackBytes = std::size_t{64} << 20;

// Runs `fn` on `count` new threads, each with a stack of `stack_bytes`, and waits for them all. `fn` must take its
// work from a shared queue: if fewer threads can be created, those that were do all of it (and if none can, `fn`
// runs once on the calling thread).
void run_on_threads(unsigned count, std::size_t stack_bytes, const std::function<void()>& fn);

}  // namespace connlint
