#include "cpp/clang_version.h"

#include <clang/Basic/Version.h>

namespace connlint::cpp {

std::string clang_version() { return clang::getClangFullVersion(); }

}  // namespace connlint::cpp
