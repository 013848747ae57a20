#pragma once
#include <string_view>

namespace connlint {

// Matches a '/'-separated relative path against a glob as .gitignore and eslint's `ignorePatterns` read them:
// `*` any run of characters but '/', `?` one character but '/', `**` any number of directories, a trailing '/'
// matches a directory and everything under it, and a pattern without '/' matches the name at any depth.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace connlint
