#include "core/glob.h"

#include <string>

namespace connlint {

namespace {

bool match_here(std::string_view p, std::string_view s) {
  std::size_t pi = 0, si = 0, star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi + 1 < p.size() && p[pi] == '*' && p[pi + 1] == '*') {
      // `**/` matches zero or more directories; a final `**` matches the rest.
      std::size_t rest = pi + 2;
      if (rest < p.size() && p[rest] == '/') ++rest;
      for (std::size_t k = si; k <= s.size(); ++k)
        if ((k == si || s[k - 1] == '/') && match_here(p.substr(rest), s.substr(k))) return true;
      return rest >= p.size();
    }
    if (pi < p.size() && (p[pi] == '?' ? s[si] != '/' : p[pi] == s[si]) && p[pi] != '*') {
      ++pi;
      ++si;
    } else if (pi < p.size() && p[pi] == '*') {
      star_p = pi++;
      star_s = si;
    } else if (star_p != std::string_view::npos && s[star_s] != '/') {
      pi = star_p + 1;
      si = ++star_s;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return false;
  std::string p(pattern);
  if (p.rfind("./", 0) == 0) p.erase(0, 2);
  if (p.empty()) return false;  // "./" names no file (and p.back() below needs a character: found by fuzz_config)
  bool directory = p.back() == '/';
  if (directory) p += "**";
  // Without a '/' (other than a trailing one) the pattern matches a name at any depth.
  if (p.find('/') == std::string::npos || (directory && p.find('/') == p.size() - 3)) p = "**/" + p;
  if (p.front() == '/') p.erase(0, 1);
  if (match_here(p, path)) return true;
  // `dist` also matches everything under dist/.
  return !directory && match_here(p + "/**", path);
}

}  // namespace connlint
