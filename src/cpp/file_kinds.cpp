#include "cpp/file_kinds.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace connlint::cpp {

namespace {

std::string lower_extension(const std::string& path) {
  auto dot = path.find_last_of('.');
  auto slash = path.find_last_of('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot);
  // `.C` is C++ by convention, `.c` is C: keep the case of a lone letter.
  if (ext == ".C") return ".C";
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

}  // namespace

bool is_c_family(const std::string& path) {
  static const char* kExtensions[] = {".c",  ".cc",  ".cpp", ".cxx", ".c++", ".C",   ".h",
                                      ".hh", ".hpp", ".hxx", ".h++", ".ipp", ".inl", ".tcc"};
  std::string ext = lower_extension(path);
  return std::find_if(std::begin(kExtensions), std::end(kExtensions), [&](const char* e) { return ext == e; }) !=
         std::end(kExtensions);
}

bool is_translation_unit(const std::string& path) {
  std::string ext = lower_extension(path);
  return ext == ".c" || ext == ".cc" || ext == ".cpp" || ext == ".cxx" || ext == ".c++" || ext == ".C";
}

bool is_c_source(const std::string& path) { return lower_extension(path) == ".c"; }

}  // namespace connlint::cpp
