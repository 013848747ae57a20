#pragma once
// Loads the Clang front end module (libconnlint-clang.so, cpp/front_end_api.h) on first use. It is a module rather
// than a library the binary links because loading libclang-cpp and libLLVM costs every run ~60 MB and their
// relocations, and most runs (TypeScript only) never compile C/C++: only C/C++ work (translation units, `-p DIR`,
// `--version`) calls clang_module().
//
// Where it looks, first found wins:
//   1. $CONNLINT_CLANG_MODULE, when set: that file and nothing else;
//   2. beside the running executable (/proc/self/exe): the build tree's build/connlint + build/libconnlint-clang.so;
//   3. <executable's directory>/../lib/connlint/: the installed layout (bin/connlint, lib/connlint/);
//   4. the build tree's output directory, baked in at configure time (like CMake's build RPATH): for programs built
//      elsewhere in the tree (the test binary in build/tests/, the fuzzers) and copies of the binary.
// A module that cannot be loaded is never fatal: the caller reports C/C++ as not analysed, with `error`.
#include <string>

namespace connlint {
namespace cpp {
struct FrontEndApi;
}

struct ClangModule {
  const cpp::FrontEndApi* api = nullptr;  // nullptr: unavailable, see error
  std::string path;                       // the file loaded
  // "cannot load libconnlint-clang.so (searched A, B): why": what was tried and dlerror()'s message.
  std::string error;
};

// Loads the module on the first call (thread-safe); later calls return the same result.
const ClangModule& clang_module();

// Has clang_module() been called and loaded it? (It is never unloaded.)
bool clang_module_loaded();

}  // namespace connlint
