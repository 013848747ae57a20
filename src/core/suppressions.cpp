#include "core/suppressions.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace connlint {

namespace {

bool in_comment(std::string_view line, std::size_t at) {
  std::string_view before = line.substr(0, at);
  return before.find("//") != std::string_view::npos || before.find("/*") != std::string_view::npos ||
         before.find('#') != std::string_view::npos || before.find("{/*") != std::string_view::npos;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

// "a, b c" -> {a, b, c}; stops at `--`, `*/` or the end of the line.
void parse_rules(std::string_view rest, Suppression& s) {
  std::size_t end = rest.size();
  for (std::string_view stop : {"--", "*/"}) end = std::min(end, rest.find(stop));
  if (auto dash = rest.find("--"); dash != std::string_view::npos) {
    std::string_view reason = rest.substr(dash + 2);
    if (auto close = reason.find("*/"); close != std::string_view::npos) reason = reason.substr(0, close);
    s.reason = trim(reason);
  }
  std::string current;
  for (char c : rest.substr(0, end)) {
    if (c == ',' || c == ' ' || c == '\t') {
      if (!current.empty()) s.rules.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) s.rules.push_back(current);
}

// NOLINT(connlint-a,connlint-b): the connlint rules named; nullopt when it names only other tools' checks.
bool parse_nolint_checks(std::string_view inside, Suppression& s) {
  std::string current;
  bool any = false;
  auto take = [&] {
    std::string id = trim(current);
    current.clear();
    if (id == "*" || id == "connlint-*") {
      s.rules.clear();
      any = true;
      return;
    }
    if (id.rfind("connlint-", 0) == 0) {
      s.rules.push_back(id.substr(9));
      any = true;
    }
  };
  for (char c : inside) {
    if (c == ',') take();
    else current += c;
  }
  take();
  return any;
}

}  // namespace

bool Suppression::covers(const Finding& f) const {
  if (f.location.path != path || f.location.line < first_line || f.location.line > last_line) return false;
  if (rules.empty()) return true;
  return std::find(rules.begin(), rules.end(), f.rule_id) != rules.end();
}

std::vector<Suppression> find_suppressions(const std::string& path, std::string_view content) {
  constexpr auto kLastLine = std::numeric_limits<std::uint32_t>::max();
  std::vector<Suppression> out;
  std::vector<Suppression> open_blocks;  // NOLINTBEGIN without NOLINTEND yet
  std::uint32_t line_no = 0;
  std::size_t start = 0;
  // Cheap test first: most files mention neither marker.
  if (content.find("connlint-") == std::string_view::npos && content.find("NOLINT") == std::string_view::npos)
    return out;
  while (start <= content.size()) {
    std::size_t end = content.find('\n', start);
    std::string_view line = content.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    ++line_no;
    auto add = [&](std::size_t at, std::string_view marker, std::uint32_t first, std::uint32_t last) {
      Suppression s;
      s.path = path;
      s.line = line_no;
      s.column = static_cast<std::uint32_t>(at + 1);
      s.first_line = first;
      s.last_line = last;
      s.marker = std::string(marker);
      return s;
    };
    for (auto [marker, kind] : {std::pair<std::string_view, int>{"connlint-ignore-next-line", 1},
                                {"connlint-ignore-file", 2}, {"connlint-ignore", 0}}) {
      std::size_t at = line.find(marker);
      if (at == std::string_view::npos || !in_comment(line, at)) continue;
      std::string_view rest = line.substr(at + marker.size());
      if (kind == 0 && !rest.empty() && rest[0] == '-') continue;  // a longer marker, handled above
      Suppression s = add(at, marker, kind == 1 ? line_no + 1 : (kind == 2 ? 0 : line_no),
                          kind == 1 ? line_no + 1 : (kind == 2 ? kLastLine : line_no));
      parse_rules(rest, s);
      out.push_back(std::move(s));
      break;
    }
    for (std::string_view marker : {"NOLINTNEXTLINE", "NOLINTBEGIN", "NOLINTEND", "NOLINT"}) {
      std::size_t at = line.find(marker);
      if (at == std::string_view::npos || !in_comment(line, at)) continue;
      std::string_view rest = line.substr(at + marker.size());
      if (marker == "NOLINT" && !rest.empty() && std::isalpha(static_cast<unsigned char>(rest[0]))) continue;
      Suppression s = add(at, marker, marker == "NOLINTNEXTLINE" ? line_no + 1 : line_no,
                          marker == "NOLINTNEXTLINE" ? line_no + 1 : line_no);
      bool ours = true;
      if (!rest.empty() && rest[0] == '(') {
        auto close = rest.find(')');
        ours = parse_nolint_checks(rest.substr(1, close == std::string_view::npos ? rest.size() - 1 : close - 1), s);
      }
      if (!ours) break;
      if (marker == "NOLINTBEGIN") {
        s.last_line = kLastLine;
        open_blocks.push_back(std::move(s));
      } else if (marker == "NOLINTEND") {
        for (auto it = open_blocks.rbegin(); it != open_blocks.rend(); ++it)
          if (it->rules == s.rules) {
            it->last_line = line_no;
            out.push_back(std::move(*it));
            open_blocks.erase(std::next(it).base());
            break;
          }
      } else {
        out.push_back(std::move(s));
      }
      break;
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  for (auto& b : open_blocks) out.push_back(std::move(b));  // an unterminated block runs to the end of the file
  return out;
}

}  // namespace connlint
