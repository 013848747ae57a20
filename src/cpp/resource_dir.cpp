#include "cpp/resource_dir.h"

#ifndef CONNLINT_CLANG_RESOURCE_DIR
#define CONNLINT_CLANG_RESOURCE_DIR ""
#endif

namespace connlint::cpp {

std::string default_resource_dir() { return CONNLINT_CLANG_RESOURCE_DIR; }

bool sets_resource_dir(const std::vector<std::string>& arguments) {
  for (const auto& a : arguments)
    if (a == "-resource-dir" || a.rfind("-resource-dir=", 0) == 0) return true;
  return false;
}

}  // namespace connlint::cpp
