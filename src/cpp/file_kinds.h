#pragma once
// Which files are C or C++, by extension. No Clang here: discovery (core/discover.cpp) sorts files with these
// without loading the Clang front end, which is a separately loaded module (driver/clang_module.h).
#include <string>

namespace connlint::cpp {

// Is this a file the C++ front end compiles as a translation unit (a source, not a header)?
bool is_translation_unit(const std::string& path);
// Is this a C or C++ file (source or header)?
bool is_c_family(const std::string& path);
// Is this a C (not C++) source, `.c`? (`.C` is C++ by convention.)
bool is_c_source(const std::string& path);

}  // namespace connlint::cpp
