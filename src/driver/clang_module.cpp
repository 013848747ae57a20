#include "driver/clang_module.h"

#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <vector>

#include "cpp/front_end_api.h"

// Set for this file by src/CMakeLists.txt.
#ifndef CONNLINT_CLANG_MODULE_NAME
#define CONNLINT_CLANG_MODULE_NAME "libconnlint-clang.so"
#endif
#ifndef CONNLINT_CLANG_MODULE_BUILD_DIR
#define CONNLINT_CLANG_MODULE_BUILD_DIR ""
#endif

namespace connlint {

namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_loaded{false};

fs::path executable_directory() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// dlopen()s one candidate and checks that it is a front end from this build. "" on success, else why not.
std::string try_load(const std::string& path, ClangModule& out) {
  // RTLD_NOW: a missing LLVM symbol is an error here, not a crash in the middle of a run. RTLD_LOCAL: Clang's and
  // LLVM's symbols stay out of the global namespace.
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = ::dlerror();
    return why ? why : "dlopen failed";
  }
  auto entry = reinterpret_cast<cpp::FrontEndEntryPoint>(::dlsym(handle, cpp::kFrontEndEntryPoint));
  if (!entry) return path + ": not a connlint C/C++ front end (no " + cpp::kFrontEndEntryPoint + ")";
  const cpp::FrontEndApi* api = entry();
  std::string expected = cpp::front_end_build_id();
  // Left loaded when refused: unloading LLVM is not reliably safe, and the process has no more use for it.
  if (!api || api->abi_version != cpp::kFrontEndAbiVersion)
    return path + ": from another build of connlint (interface version " +
           (api ? std::to_string(api->abi_version) : "?") + ", this connlint needs " +
           std::to_string(cpp::kFrontEndAbiVersion) + ")";
  if (!api->build || expected != api->build)
    return path + ": from another build of connlint (" + (api->build ? api->build : "?") +
           "; this connlint: " + expected + ")";
  out.api = api;
  out.path = path;
  return "";
}

// The files to try, in order (clang_module.h).
std::vector<std::string> clang_module_candidates() {
  // Absolute, so that dlopen() does not search the library path for a bare file name.
  if (const char* forced = std::getenv("CONNLINT_CLANG_MODULE"); forced && *forced) {
    std::error_code ec;
    fs::path path = fs::absolute(forced, ec);
    return {(ec ? fs::path(forced) : path).lexically_normal().string()};
  }
  std::vector<std::string> out;
  auto add = [&](const fs::path& dir) {
    if (dir.empty()) return;
    std::string path = (dir / CONNLINT_CLANG_MODULE_NAME).lexically_normal().string();
    for (const auto& p : out)
      if (p == path) return;
    out.push_back(path);
  };
  fs::path exe_dir = executable_directory();
  if (!exe_dir.empty()) {
    add(exe_dir);
    add(exe_dir / ".." / "lib" / "connlint");
  }
  add(CONNLINT_CLANG_MODULE_BUILD_DIR);
  return out;
}

ClangModule load() {
  ClangModule module;
  std::vector<std::string> candidates = clang_module_candidates();
  std::vector<std::string> failures;
  for (const auto& path : candidates) {
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;
    std::string why = try_load(path, module);
    if (why.empty()) {
      g_loaded = true;
      return module;
    }
    failures.push_back(why);
  }
  module.error = std::string("cannot load ") + CONNLINT_CLANG_MODULE_NAME + " (searched " + join(candidates, ", ") +
                 "): " + (failures.empty() ? "not found" : join(failures, "; "));
  return module;
}

}  // namespace

const ClangModule& clang_module() {
  static std::once_flag once;
  static ClangModule module;
  std::call_once(once, [] { module = load(); });
  return module;
}

bool clang_module_loaded() { return g_loaded; }

}  // namespace connlint
