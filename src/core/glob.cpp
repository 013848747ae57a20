#include "core/glob.h"

#include <string>
#include <vector>

namespace connlint {

namespace {

// Matches p[pi..] against s[si..]. `**` tries every directory boundary; without memory, a pattern with many `**`
// tries them in every combination (exponential: fuzz_config found a 600-byte ignore entry taking 20 s). A start
// (pi, si) that failed once fails again, so each is tried at most once.
class Matcher {
 public:
  Matcher(std::string_view p, std::string_view s) : p_(p), s_(s), failed_((p.size() + 1) * (s.size() + 1), false) {}

  bool match(std::size_t pi, std::size_t si) {
    std::size_t star_p = std::string_view::npos, star_s = 0;
    while (si < s_.size()) {
      if (pi + 1 < p_.size() && p_[pi] == '*' && p_[pi + 1] == '*') {
        // `**/` matches zero or more directories; a final `**` matches the rest.
        std::size_t rest = pi + 2;
        if (rest < p_.size() && p_[rest] == '/') ++rest;
        for (std::size_t k = si; k <= s_.size(); ++k)
          if ((k == si || s_[k - 1] == '/') && try_from(rest, k)) return true;
        return rest >= p_.size();
      }
      if (pi < p_.size() && (p_[pi] == '?' ? s_[si] != '/' : p_[pi] == s_[si]) && p_[pi] != '*') {
        ++pi;
        ++si;
      } else if (pi < p_.size() && p_[pi] == '*') {
        star_p = pi++;
        star_s = si;
      } else if (star_p != std::string_view::npos && s_[star_s] != '/') {
        pi = star_p + 1;
        si = ++star_s;
      } else {
        return false;
      }
    }
    while (pi < p_.size() && p_[pi] == '*') ++pi;
    return pi == p_.size();
  }

 private:
  bool try_from(std::size_t pi, std::size_t si) {
    std::size_t key = pi * (s_.size() + 1) + si;
    if (failed_[key]) return false;
    if (match(pi, si)) return true;
    failed_[key] = true;
    return false;
  }

  std::string_view p_, s_;
  std::vector<bool> failed_;
};

bool match_here(std::string_view p, std::string_view s) { return Matcher(p, s).match(0, 0); }

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
