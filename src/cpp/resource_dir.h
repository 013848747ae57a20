#pragma once
#include <string>
#include <vector>

namespace connlint::cpp {

// Clang's resource directory (its builtin headers: stddef.h, stdarg.h, ...), baked in at configure time from the
// Clang connlint links against (`clang -print-resource-dir`).
std::string default_resource_dir();

// Does the command line already choose a resource directory?
bool sets_resource_dir(const std::vector<std::string>& arguments);

}  // namespace connlint::cpp
