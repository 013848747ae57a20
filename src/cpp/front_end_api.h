#pragma once
// The one entry point of the Clang front end module (libconnlint-clang.so), and the table of functions it returns.
//
// The Clang front end (the other files of src/cpp/ except file_kinds, library_model and project) is built as a
// shared module that connlint loads with dlopen() only when a run has C/C++ work (driver/clang_module.h): linking
// libclang-cpp and libLLVM into the binary cost every run, TypeScript-only ones included, their loading and
// relocation (~60 MB resident; docs/performance.md). Both sides are built from this tree by the same compiler with
// the same standard library, so the table passes C++ types; what the module and the binary must agree on is checked
// when it is loaded (kFrontEndAbiVersion, front_end_build_id()), so that a module left over from another build or
// an older install is refused with a message instead of crashing.
//
// No Clang header here: the binary includes it.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/notice.h"
#include "cpp/frontend.h"
#include "cpp/library_model.h"
#include "facts/cpp_facts.h"
#include "version.h"

namespace connlint::cpp {

// Bump when the meaning of FrontEndApi or of a type it passes changes in a way that sizes do not show.
inline constexpr int kFrontEndAbiVersion = 1;

// The exported symbol: `extern "C" const FrontEndApi* connlint_clang_front_end()`.
inline constexpr const char* kFrontEndEntryPoint = "connlint_clang_front_end";

struct FrontEndApi {
  // These two fields stay first, in this order, in every version: the loader reads them before anything else.
  int abi_version;    // kFrontEndAbiVersion of the module's build
  const char* build;  // front_end_build_id() of the module's build

  // A usage problem with `-p DIR` (it names no usable compilation database), "" when none (cpp/compile_db.h).
  std::string (*compile_database_error)(const std::filesystem::path& cwd, const std::string& build_dir);
  // cpp/frontend.h.
  FrontEndResult (*analyse_translation_units)(const std::vector<std::string>& paths, const FrontEndOptions& options,
                                              const LibraryModel& model);
  // The version of Clang the module is linked with, for `connlint --version`: "Debian clang version 14.0.6".
  std::string (*clang_version)();
};

using FrontEndEntryPoint = const FrontEndApi* (*)();

namespace detail {

// The sizes of what crosses between the binary and the module, folded into one number: a field added on one side
// only changes it. (The standard library's own layout is covered by the compiler's version below.)
constexpr std::uint64_t layout_fingerprint() {
  const std::size_t sizes[] = {sizeof(FrontEndApi),
                               sizeof(FrontEndOptions),
                               sizeof(FrontEndResult),
                               sizeof(LibraryModel),
                               sizeof(CppLibrary),
                               sizeof(HandleKind),
                               sizeof(AcquireSpec),
                               sizeof(QuerySpec),
                               sizeof(TransactionSpec),
                               sizeof(NamePattern),
                               sizeof(Notice),
                               sizeof(facts::Span),
                               sizeof(facts::CppFacts),
                               sizeof(facts::CppString),
                               sizeof(facts::CppCall),
                               sizeof(facts::CppLoop),
                               sizeof(facts::CppFunction),
                               sizeof(facts::CppAcquire),
                               sizeof(facts::CppTransaction),
                               sizeof(std::string),
                               sizeof(std::filesystem::path)};
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a
  for (std::size_t s : sizes) h = (h ^ s) * 1099511628211ull;
  return h;
}

}  // namespace detail

// What else must be equal: connlint's version, the compiler (and so its standard library headers), sanitizers
// (an instrumented module needs an instrumented binary), and the layout above.
inline std::string front_end_build_id() {
#if defined(__SANITIZE_ADDRESS__)
  const char* sanitize = " asan";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  const char* sanitize = " asan";
#else
  const char* sanitize = "";
#endif
#else
  const char* sanitize = "";
#endif
  return std::string("connlint ") + CONNLINT_VERSION + ", " + __VERSION__ + sanitize + ", layout " +
         std::to_string(detail::layout_fingerprint() % 1000000007u);
}

}  // namespace connlint::cpp
