#pragma once
#include <string>

namespace connlint::cpp {

// The version of the Clang front end connlint is linked with (for `connlint --version`).
std::string clang_version();

}  // namespace connlint::cpp
